import { describe, expect, it } from "vitest";
import type { Change, ComponentDiff } from "@/server/domain/diff/types";
import type { Diagram } from "@/server/domain/graph/types";
import { planPromotion } from "@/server/domain/promote/plan";
import {
  componentPromotable,
  componentState,
  covered,
  EMPTY,
  readableProblem,
  rowPromotion,
  selectionKey,
  shownPromoted,
  toggle,
  type Selection,
} from "./promote-selection";

const param = (
  path: string,
  segments: (string | number)[],
  extra: Partial<Change> = {},
): Change => ({ kind: "param", path, segments, status: "changed", left: 1, right: 2, ...extra });
const field = (segments: (string | number)[]): Selection => ({
  kind: "param",
  componentId: "db",
  segments,
});

describe("which rows promote, and as what", () => {
  it("selects a param by its exact segments, a preset as the pin, and explains the kinds that are not configuration", () => {
    expect(rowPromotion("db", param("a.b", ["a.b"]))).toEqual({
      selection: field(["a.b"]),
      path: "a.b",
    });
    expect(
      rowPromotion(
        "db",
        param("backup.retention_days", ["backup", "retention_days"], {
          status: "added",
          left: undefined,
        }),
      ),
    ).toEqual({
      selection: field(["backup", "retention_days"]),
      path: "backup.retention_days",
    });
    expect(
      rowPromotion("db", { kind: "preset", path: "", segments: [], status: "changed" }),
    ).toEqual({ selection: { kind: "preset", componentId: "db" }, path: "preset" });
    expect(
      rowPromotion("db", { kind: "secret", path: "TOKEN", segments: ["TOKEN"], status: "removed" }),
    ).toEqual({ reason: "Secrets are never promoted: set them in each environment" });
    for (const kind of ["bundleVersion", "remoteReference", "deployment", "artifact"] as const)
      expect(
        rowPromotion("db", { kind, path: "x", segments: ["x"], status: "changed" }),
      ).toHaveProperty("reason");
    expect(rowPromotion("db", param("password", ["password"], { masked: true }))).toHaveProperty(
      "reason",
    );
  });

  it("selects a slot's reference when either side is a remote reference, not a default alone", () => {
    const ref = (left: unknown, right: unknown) =>
      rowPromotion("api", {
        kind: "remoteReference",
        path: "cluster",
        segments: ["cluster"],
        status: left === undefined ? "added" : right === undefined ? "removed" : "changed",
        left,
        right,
      });
    const selection = { kind: "reference", componentId: "api", slot: "cluster" };
    expect(ref({ artifactId: "publication:p1" }, { artifactId: "publication:p2" })).toEqual({
      selection,
      path: "reference cluster",
    });
    expect(ref(undefined, { artifactId: "imported:a1" })).toMatchObject({
      selection,
      note: expect.stringContaining("removes the target's"),
    });
    expect(ref({ artifactId: "art-1" }, { artifactId: "art-2" })).toEqual({
      reason: "Environment defaults are set per environment, not promoted",
    });
  });

  it("selects a whole list for a row inside it, so two rows of one list are one selection", () => {
    const a = rowPromotion("db", param("rules[0].port", ["rules", 0, "port"]));
    const b = rowPromotion(
      "db",
      param("rules[2]", ["rules", 2], { status: "removed", right: undefined }),
    );
    expect(a).toEqual({
      selection: field(["rules"]),
      path: "rules",
      note: "Lists are promoted whole: this selects all of rules",
    });
    expect(
      "selection" in a &&
        "selection" in b &&
        selectionKey(a.selection) === selectionKey(b.selection),
    ).toBe(true);
  });

  it("offers a whole component only when it differs in params or preset on both sides", () => {
    const component = (status: ComponentDiff["status"], changes: Change[]): ComponentDiff => ({
      componentId: "db",
      name: "db",
      bundle: "b",
      status,
      changes,
    });
    expect(componentPromotable(component("changed", [param("a", ["a"])]))).toBe(true);
    expect(
      componentPromotable(
        component("changed", [{ kind: "secret", path: "S", segments: ["S"], status: "added" }]),
      ),
    ).toBe(false);
    expect(componentPromotable(component("added", [param("a", ["a"])]))).toBe(false);
  });

  it("what a row selects is what the plan promotes: that field becomes equal, the list whole, the rest untouched", () => {
    const diagram: Diagram = {
      components: [{ id: "db", name: "db", bundle: "b", version: "1", x: 0, y: 0 }],
      links: [],
      instances: {
        db: {
          staging: { params: { size: 2, rules: [{ port: 1 }, { port: 2 }] }, preset: null },
          production: {
            params: { size: 8, rules: [{ port: 9 }, { port: 2 }, { port: 3 }], extra: true },
            preset: null,
          },
        },
      },
    };
    const rows = [
      param("rules[0].port", ["rules", 0, "port"]),
      param("rules[2]", ["rules", 2]),
      param("extra", ["extra"], { status: "added", left: undefined }),
    ];
    const selections = [
      ...rows
        .reduce((state, row) => {
          const r = rowPromotion("db", row);
          return "selection" in r && !state.has(selectionKey(r.selection))
            ? toggle(state, r.selection)
            : state;
        }, EMPTY)
        .values(),
    ];
    expect(selections).toHaveLength(2);
    const plan = planPromotion(diagram, "staging", "production", selections);
    expect(plan.ops).toEqual([
      {
        op: "setInstance",
        component: "db",
        environment: "production",
        config: { params: { size: 8, rules: [{ port: 1 }, { port: 2 }] }, preset: null },
      },
    ]);
  });
});

describe("the selection set", () => {
  it("toggles, keeps the order of choice, and a whole component replaces (and covers) its fields", () => {
    let state = toggle(toggle(EMPTY, field(["a"])), { kind: "link", linkId: "l1" });
    state = toggle(state, { kind: "preset", componentId: "db" });
    expect([...state.values()].map((s) => s.kind)).toEqual(["param", "link", "preset"]);
    expect(componentState(state, "db")).toBe("some");
    expect(componentState(state, "api")).toBe("none");

    state = toggle(state, { kind: "component", componentId: "db" });
    expect([...state.values()]).toEqual([
      { kind: "link", linkId: "l1" },
      { kind: "component", componentId: "db" },
    ]);
    expect(componentState(state, "db")).toBe("all");
    expect(covered(state, field(["b"]))).toBe(true);
    expect(toggle(state, field(["b"]))).toBe(state);

    state = toggle(toggle(state, { kind: "component", componentId: "db" }), {
      kind: "link",
      linkId: "l1",
    });
    expect(state.size).toBe(0);
  });

  it("reads a refusal without the operation index, and writes promoted values", () => {
    expect(
      readableProblem('ops.0.params.deletion_protection: is locked to true by preset "Prod" v1'),
    ).toBe('params.deletion_protection: is locked to true by preset "Prod" v1');
    expect([
      shownPromoted(undefined),
      shownPromoted("gp3"),
      shownPromoted(21),
      shownPromoted(["read"]),
    ]).toEqual(["not set", "gp3", "21", '["read"]']);
  });
});
