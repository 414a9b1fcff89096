import { describe, expect, it } from "vitest";
import { planReferencePromotion, referenceKey } from "./references";

const pub = (id: string, label = id) => ({
  publicationId: id,
  importedArtifactId: null,
  policies: ["deploy"],
  label,
});
const names = new Map([["api", "api"]]);
const at = (slot: string) => ({ kind: "reference" as const, componentId: "api", slot });

describe("planReferencePromotion", () => {
  it("sets the source's reference, clears one the source lacks and skips one already equal", () => {
    const from = new Map([
      [referenceKey("api", "cluster"), pub("p-staging", "staging cluster")],
      [referenceKey("api", "queue"), pub("p-q")],
    ]);
    const to = new Map([
      [referenceKey("api", "cluster"), pub("p-prod", "prod cluster")],
      [referenceKey("api", "network"), pub("p-net", "prod network")],
      [referenceKey("api", "queue"), pub("p-q")],
    ]);
    const { steps, changes } = planReferencePromotion(names, from, to, [
      at("cluster"),
      at("network"),
      at("queue"),
      at("cluster"),
    ]);
    expect(steps.map((s) => [s.index, s.slot, s.source?.publicationId ?? null])).toEqual([
      [0, "cluster", "p-staging"],
      [1, "network", null],
    ]);
    expect(changes).toEqual([
      {
        component: "api",
        what: "reference cluster",
        before: "prod cluster",
        after: "staging cluster",
      },
      { component: "api", what: "reference network", before: "prod network", after: undefined },
    ]);
  });

  it("refuses, naming the selection, a slot referenced on neither side and a dangling source", () => {
    expect(() => planReferencePromotion(names, new Map(), new Map(), [at("database")])).toThrow(
      /selections\.0: api\.database holds a remote reference in neither environment/,
    );
    const dangling = { ...pub("x"), publicationId: null };
    expect(() =>
      planReferencePromotion(
        names,
        new Map([[referenceKey("api", "cluster"), dangling]]),
        new Map(),
        [at("cluster")],
      ),
    ).toThrow(/no longer exists/);
    expect(() =>
      planReferencePromotion(names, new Map(), new Map(), [
        { kind: "reference", componentId: "gone", slot: "x" },
      ]),
    ).toThrow(/selections\.0: is not a component/);
  });
});
