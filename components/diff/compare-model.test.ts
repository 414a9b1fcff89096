import { describe, expect, it } from "vitest";
import type { ComponentDiff, DiffSummary } from "@/server/domain/diff/types";
import {
  changeKey,
  formatValue,
  linkBadge,
  matchesSearch,
  summaryText,
  visibility,
} from "./compare-model";

const counts = (changed: number, same: number, added = 0, removed = 0) => ({
  changed,
  same,
  added,
  removed,
});

describe("compare view model", () => {
  it("writes the summary with only the counts that are not zero, besides differ and same", () => {
    const summary: DiffSummary = {
      components: counts(3, 5),
      links: counts(1, 8),
      changes: 42,
      masked: 2,
    };
    expect(summaryText(summary)).toBe(
      "3 components differ · 5 same · 1 line differs · 42 changes (2 masked)",
    );
    expect(
      summaryText({
        components: counts(1, 0, 1, 2),
        links: counts(0, 0, 0, 1),
        changes: 1,
        masked: 0,
      }),
    ).toBe(
      "1 component differs · 1 only right · 2 only left · 0 same · 0 lines differ · 1 line only left · 1 change",
    );
  });

  it("writes values: absent, masked, secrets as fingerprints, presets and references by name", () => {
    expect(formatValue("param", undefined)).toEqual({ text: "—", tone: "absent" });
    expect(formatValue("param", "[masked]")).toEqual({ text: "masked", tone: "masked" });
    expect(formatValue("secret", "0123456789ab")).toEqual({
      text: "fingerprint 0123456789ab",
      tone: "fingerprint",
    });
    expect(formatValue("preset", { name: "Production", version: 2 }).text).toBe("Production v2");
    expect(formatValue("remoteReference", { artifactId: "a1", label: "deploy-role" }).text).toBe(
      "deploy-role",
    );
    expect(formatValue("param", "").text).toBe('""');
    expect(formatValue("param", { a: [1] }).text).toBe('{"a":[1]}');
    expect(formatValue("param", false).text).toBe("false");
  });

  it("matches a search on the path, and on the kind where the path is empty", () => {
    expect(matchesSearch({ kind: "param", path: "storage.allocated_gb" }, "STORAGE")).toBe(true);
    expect(matchesSearch({ kind: "param", path: "storage.allocated_gb" }, "instance")).toBe(false);
    expect(matchesSearch({ kind: "preset", path: "" }, "pre")).toBe(true);
    expect(matchesSearch({ kind: "param", path: "x" }, "  ")).toBe(true);
  });

  it("badges a line only when what it grants differs", () => {
    expect(linkBadge({ linkId: "l", status: "same", left: ["read"], right: ["read"] })).toBeNull();
    expect(
      linkBadge({ linkId: "l", status: "changed", left: ["read-only"], right: ["read-write"] }),
    ).toBe("read-only → read-write");
    expect(linkBadge({ linkId: "l", status: "added", left: null, right: ["read"] })).toBe(
      "only right: read",
    );
  });

  it("keeps components that differ or that a differing line touches when identical ones are hidden", () => {
    const component = (
      id: string,
      status: ComponentDiff["status"],
      paths: string[] = [],
    ): ComponentDiff => ({
      componentId: id,
      name: id,
      bundle: "b",
      status,
      changes: paths.map((path) => ({
        kind: "param",
        path,
        segments: [path],
        status: "changed",
        left: 1,
        right: 2,
      })),
    });
    const components = [
      component("db", "changed", ["size"]),
      component("api", "same"),
      component("queue", "same"),
      component("cache", "changed", ["ttl"]),
    ];
    const links = [
      {
        linkId: "l1",
        status: "changed" as const,
        left: ["r"],
        right: ["rw"],
        from: "db",
        to: "api",
      },
      {
        linkId: "l2",
        status: "same" as const,
        left: ["r"],
        right: ["r"],
        from: "cache",
        to: "api",
      },
      {
        linkId: "l3",
        status: "same" as const,
        left: ["r"],
        right: ["r"],
        from: "queue",
        to: "api",
      },
    ];
    const shown = visibility(components, links, { hideSame: true, query: "" });
    expect([...shown.components]).toEqual(["db", "api", "cache"]);
    expect([...shown.links]).toEqual(["l1"]);
    expect([...visibility(components, links, { hideSame: false, query: "" }).links]).toEqual([
      "l1",
      "l2",
      "l3",
    ]);
    expect([...shown.matching]).toEqual(["db", "api", "queue", "cache"]);
    expect([...visibility(components, links, { hideSame: false, query: "ttl" }).matching]).toEqual([
      "cache",
    ]);
  });

  it("keys a change by component, kind and exact segments", () => {
    expect(changeKey("c1", { kind: "param", segments: ["a.b", 0] })).not.toBe(
      changeKey("c1", { kind: "param", segments: ["a", "b", 0] }),
    );
  });
});
