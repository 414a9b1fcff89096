import { describe, expect, it } from "vitest";
import { applyOps, type ApplyContext } from "../graph/ops";
import { slotCatalog, type Diagram } from "../graph/types";
import type { PresetVersionRules } from "../presets/types";
import { planPromotion, promotionScope } from "./plan";

const diagram: Diagram = {
  components: [
    { id: "db", name: "orders-db", bundle: "db", version: "1.0.0", x: 0, y: 0 },
    { id: "api", name: "api", bundle: "app", version: "1.0.0", x: 0, y: 0 },
  ],
  links: [
    {
      id: "l1",
      from: "db",
      fromArtifact: "database",
      to: "api",
      toSlot: "database",
      policies: ["read"],
      policiesIn: { staging: ["read", "write"] },
    },
  ],
  instances: {
    db: {
      staging: {
        params: { size: 2, storage: { gb: 50, type: "gp3" }, tags: ["a"] },
        preset: "Dev",
        presetVersion: 2,
      },
      production: {
        params: { size: 8, storage: { gb: 500, type: "io2" } },
        preset: "Prod",
        presetVersion: 1,
      },
    },
    api: {
      staging: { params: {}, preset: null },
      production: { params: { replicas: 3 }, preset: null },
    },
  },
};

describe("planPromotion", () => {
  it("copies one param leaf, leaving the rest of the target alone", () => {
    const plan = planPromotion(diagram, "staging", "production", [
      { kind: "param", componentId: "db", segments: ["storage", "type"] },
    ]);
    expect(plan.ops).toEqual([
      {
        op: "setInstance",
        component: "db",
        environment: "production",
        config: {
          params: { size: 8, storage: { gb: 500, type: "gp3" } },
          preset: "Prod",
          presetVersion: 1,
        },
      },
    ]);
    expect(plan.changes).toEqual([
      {
        component: "orders-db",
        componentId: "db",
        field: ["storage", "type"],
        what: "params.storage.type",
        before: "io2",
        after: "gp3",
      },
    ]);
  });

  it("removes a leaf the source does not have, and merges several selections of one component into one operation", () => {
    const plan = planPromotion(diagram, "production", "staging", [
      { kind: "param", componentId: "db", segments: ["tags"] },
      { kind: "param", componentId: "db", segments: ["size"] },
    ]);
    expect(plan.ops).toHaveLength(1);
    expect((plan.ops[0] as { config: { params: unknown } }).config.params).toEqual({
      size: 8,
      storage: { gb: 50, type: "gp3" },
    });
  });

  it("copies a whole component (preset pin, params) and a link's policy choice", () => {
    const plan = planPromotion(diagram, "staging", "production", [
      { kind: "component", componentId: "db" },
      { kind: "link", linkId: "l1" },
    ]);
    expect(plan.ops).toEqual([
      {
        op: "setInstance",
        component: "db",
        environment: "production",
        config: {
          params: { size: 2, storage: { gb: 50, type: "gp3" }, tags: ["a"] },
          preset: "Dev",
          presetVersion: 2,
        },
      },
      { op: "setLinkPolicy", link: "l1", environment: "production", policies: ["read", "write"] },
    ]);
    expect(plan.changes.find((c) => c.what.startsWith("line"))).toMatchObject({
      before: ["read"],
      after: ["read", "write"],
    });
  });

  it("brings the choices of links into a promoted component, and drops a target's choice the source does not make", () => {
    const api = planPromotion(diagram, "staging", "production", [
      { kind: "component", componentId: "api" },
    ]);
    expect(api.ops).toContainEqual({
      op: "setLinkPolicy",
      link: "l1",
      environment: "production",
      policies: ["read", "write"],
    });
    const back = planPromotion(diagram, "production", "staging", [{ kind: "link", linkId: "l1" }]);
    expect(back.ops).toEqual([
      { op: "setLinkPolicy", link: "l1", environment: "staging", policies: null },
    ]);
    expect(back.changes[0]).toMatchObject({ before: ["read", "write"], after: ["read"] });
  });

  it("names a selection that is not on the diagram, and never mutates its input", () => {
    const copy = structuredClone(diagram);
    expect(() =>
      planPromotion(diagram, "staging", "production", [
        { kind: "param", componentId: "db", segments: ["size"] },
        { kind: "component", componentId: "nope" },
      ]),
    ).toThrow("selections.1: is not a component of this diagram");
    planPromotion(diagram, "staging", "production", [{ kind: "component", componentId: "db" }]);
    expect(diagram).toEqual(copy);
  });

  it("yields operations the diagram rules accept (and refuse, for a locked field)", () => {
    const ctx: ApplyContext = {
      catalog: slotCatalog([
        {
          name: "db",
          version: "1.0.0",
          connections: [],
          artifacts: [{ key: "database", type: "postgresql", title: "DB" }],
        },
        {
          name: "app",
          version: "1.0.0",
          connections: [{ key: "database", type: "postgresql", title: "DB", required: true }],
          artifacts: [],
        },
      ]),
      environments: ["staging", "production"],
      presets: {
        find: (_b, name, version): PresetVersionRules =>
          name === "Prod"
            ? {
                name,
                version: version ?? 1,
                values: { size: 8 },
                rules: { size: { mode: "locked" } },
                allowed: {},
              }
            : { name, version: version ?? 2, values: {}, rules: {}, allowed: {} },
        environment: () => undefined,
        requireProductionPresets: false,
        role: "developer",
      },
    };
    const ok = planPromotion(diagram, "staging", "production", [
      { kind: "param", componentId: "db", segments: ["storage", "gb"] },
    ]);
    expect(applyOps(diagram, ok.ops, ctx).instances.db!.production!.params).toEqual({
      size: 8,
      storage: { gb: 50, type: "io2" },
    });
    const locked = planPromotion(diagram, "staging", "production", [
      { kind: "param", componentId: "db", segments: ["size"] },
    ]);
    expect(() => applyOps(diagram, locked.ops, ctx)).toThrow(
      'ops.0.params.size: is locked to 8 by preset "Prod" v1',
    );
  });
});

describe("promotionScope", () => {
  it("names the selected components and lines, and the lines into a component promoted whole", () => {
    const scope = (selections: Parameters<typeof promotionScope>[1]) => {
      const { components, links } = promotionScope(diagram, selections);
      return { components: [...components], links: [...links] };
    };
    expect(scope([{ kind: "param", componentId: "db", segments: ["size"] }])).toEqual({
      components: ["db"],
      links: [],
    });
    expect(scope([{ kind: "component", componentId: "api" }])).toEqual({
      components: ["api"],
      links: ["l1"],
    });
    expect(
      scope([
        { kind: "link", linkId: "l1" },
        { kind: "reference", componentId: "api", slot: "cluster" },
      ]),
    ).toEqual({ components: [], links: ["l1"] });
  });
});
