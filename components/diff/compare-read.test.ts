import { describe, expect, it } from "vitest";
import { drawing } from "@/server/compare/drawing";
import { trimDiff } from "@/server/compare/trim";
import { diffEnvironments } from "@/server/domain/diff/diff";
import { catalog, today } from "@/test/compare-answer";
import { snapshot } from "@/test/diff-snapshots";
import { GREY, readCompare } from "./compare-read";

describe("reading the compare answer", () => {
  const left = snapshot("staging");
  const right = snapshot("production", (s) => {
    s.components[0]!.name = "api-then";
    s.instances["c-api"]!.params.replicas = 3;
    s.instances["c-db"]!.params.engine = "postgres-16";
    s.links[1]!.policies = ["publish", "subscribe"];
  });
  const diff = diffEnvironments(left, right);
  const diagram = drawing(today(left), left, right, catalog);
  const read = readCompare({ diff: trimDiff(diff, diagram), diagram, borrowed: [], notices: [] });

  it("gives back every component's and line's difference the engine found", () => {
    for (const c of diff.components) expect(read.component(c.componentId)).toEqual(c);
    expect(read.components.map((c) => c.componentId)).toEqual(["c-api", "c-db", "c-queue"]);
    expect(read.differing).toEqual(diff.components.filter((c) => c.status !== "same"));
    expect(read.component("c-queue")).toMatchObject({ status: "same", changes: [] });
    for (const l of diff.links) expect(read.link(l.linkId)).toEqual(l);
    expect(read.lines.map((l) => [l.linkId, l.status, l.from, l.to])).toEqual([
      ["l-db", "same", "c-db", "c-api"],
      ["l-queue", "changed", "c-queue", "c-api"],
    ]);
    expect(read.component("c-new")).toBeUndefined();
  });

  it("finds icons and slots by bundle version, and a line's colour at its producer's slot", () => {
    expect(read.bundle(diagram.components[1]!).icon).toBe("database");
    expect(read.lineColor(diagram.links[0]!)).toBe("#336791");
    expect(read.lineColor({ ...diagram.links[0]!, fromArtifact: "gone" })).toBe(GREY);
    expect(
      read.bundle({ id: "x", name: "x", bundle: "nowhere", version: "1.0.0", x: 0, y: 0 }),
    ).toEqual({ icon: "box", inputs: [], outputs: [] });
  });
});
