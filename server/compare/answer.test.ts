// The compare answer's shape, without a database: the drawing holds what either side holds with
// each bundle version once, and the diff lists only what differs.
import { describe, expect, it } from "vitest";
import { catalog, today } from "@/test/compare-answer";
import { instance, snapshot } from "@/test/diff-snapshots";
import { diffEnvironments } from "../domain/diff/diff";
import { drawing } from "./drawing";
import { trimDiff } from "./trim";

describe("the compare answer", () => {
  it("draws what either side holds, each bundle version once (an unknown one as a box)", () => {
    const left = snapshot("staging");
    const right = snapshot("production", (s) => {
      s.components.push({ id: "c-old", name: "old", bundle: "postgres", version: "0.9.0" });
      s.instances["c-old"] = instance();
    });
    const diagram = today(right);
    const drawn = drawing(diagram, left, right, catalog);
    expect(drawn.components.map((c) => c.id)).toEqual(["c-api", "c-db", "c-queue", "c-old"]);
    expect(drawn.components[1]).toEqual({
      id: "c-db",
      name: "database",
      bundle: "postgres",
      version: "1.0.0",
      x: 100,
      y: 0,
    });
    expect(drawn.bundles).toEqual({
      "container-service@1.0.0": {
        icon: "container",
        inputs: [
          { key: "database", type: "postgresql", color: "#336791" },
          { key: "queue", type: "aws-sqs-queue", color: "#e53e3e" },
        ],
        outputs: [],
      },
      "postgres@1.0.0": {
        icon: "database",
        inputs: [],
        outputs: [{ key: "database", type: "postgresql", color: "#336791" }],
      },
      "sqs-queue@1.0.0": {
        icon: "queue",
        inputs: [],
        outputs: [{ key: "queue", type: "aws-sqs-queue", color: "#e53e3e" }],
      },
      "postgres@0.9.0": { icon: "box", inputs: [], outputs: [] },
    });
    expect(drawn.links).toEqual([
      { id: "l-db", from: "c-db", fromArtifact: "database", to: "c-api", toSlot: "database" },
      { id: "l-queue", from: "c-queue", fromArtifact: "queue", to: "c-api", toSlot: "queue" },
    ]);
  });

  it("lists only what differs, names a component only where a side calls it otherwise, and groups same lines by their policies", () => {
    const left = snapshot("staging", (s) => s.links.push({ ...s.links[0]!, id: "l-db2" }));
    const right = snapshot("production", (s) => {
      s.components[0]!.name = "api-then";
      s.instances["c-db"]!.params.engine = "postgres-16";
      s.links[1]!.policies = ["publish", "subscribe"];
      s.links.push({ ...s.links[0]!, id: "l-db2" });
    });
    const diff = diffEnvironments(left, right);
    const drawn = drawing(today(left), left, right, catalog);
    const trimmed = trimDiff(diff, drawn);
    expect(trimmed.components).toEqual([
      {
        componentId: "c-db",
        status: "changed",
        changes: diff.components.find((c) => c.componentId === "c-db")!.changes,
      },
    ]);
    expect(trimmed.links).toEqual([
      { linkId: "l-queue", status: "changed", left: ["publish"], right: ["publish", "subscribe"] },
    ]);
    expect(trimmed.sameLinks).toEqual([{ policies: ["read"], links: ["l-db", "l-db2"] }]);
    expect(trimmed.summary).toEqual(diff.summary);
    expect(trimmed.left).toEqual(diff.left);

    // The API, renamed on the right since: now it differs in params too, so it is listed with
    // the right side's name.
    right.instances["c-api"]!.params.replicas = 3;
    const again = trimDiff(diffEnvironments(left, right), drawn);
    expect(again.components.map((c) => [c.componentId, c.name])).toEqual([
      ["c-api", "api-then"],
      ["c-db", undefined],
    ]);
  });
});
