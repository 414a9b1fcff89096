import { describe, expect, it } from "vitest";
import type { PresetVersionRules } from "../presets/types";
import type { PresetLookup } from "./instance-rules";
import { applyOps, invertOps, type ApplyContext, type Op } from "./ops";
import { linkPoliciesIn, slotCatalog, type Diagram } from "./types";

const development: PresetVersionRules = {
  name: "Development",
  version: 1,
  values: { size: 1 },
  rules: {},
  allowed: {},
};
const hardened: PresetVersionRules[] = [
  {
    name: "Hardened",
    version: 1,
    values: { size: 4, tier: "gold" },
    rules: { tier: { mode: "locked" }, size: { mode: "narrowed", minimum: 2, maximum: 8 } },
    allowed: { classes: ["production"] },
  },
  {
    name: "Hardened",
    version: 2,
    values: { size: 6, tier: "gold" },
    rules: { tier: { mode: "locked" } },
    allowed: { classes: ["production"] },
  },
];
const lookup: PresetLookup = {
  find: (_bundle, name, version) => {
    const all = name === "Development" ? [development] : name === "Hardened" ? hardened : [];
    return (version === undefined ? all.at(-1) : all.find((v) => v.version === version)) ?? null;
  },
  environment: (id) =>
    id === "production"
      ? { slug: "production", class: "production" }
      : id === "staging"
        ? { slug: "staging", class: "non_production" }
        : undefined,
  requireProductionPresets: false,
  role: "developer",
};

const ctx: ApplyContext = {
  catalog: slotCatalog([
    {
      name: "db",
      version: "1.0.0",
      connections: [],
      artifacts: [{ key: "database", type: "postgresql", title: "Database" }],
    },
    {
      name: "app",
      version: "1.0.0",
      connections: [{ key: "database", type: "postgresql", title: "Database", required: true }],
      artifacts: [],
    },
  ]),
  environments: ["staging", "production"],
  validateParams: (_b, _v, params) =>
    typeof params.size === "number" && params.size > 10
      ? [{ path: "size", message: "must be <= 10" }]
      : [],
  presets: lookup,
  policiesOf: (type) => (type === "postgresql" ? [{ id: "read" }, { id: "write" }] : undefined),
};

const empty: Diagram = { components: [], links: [], instances: {} };
const add = (id: string, bundle: string, name = id): Op => ({
  op: "addComponent",
  component: { id, name, bundle, version: "1.0.0", x: 0, y: 0 },
  instances: { staging: { params: { size: 1 }, preset: "Development" } },
});
const base = applyOps(
  empty,
  [
    add("pg", "db"),
    add("api", "app"),
    {
      op: "addLink",
      link: {
        id: "l1",
        from: "pg",
        fromArtifact: "database",
        to: "api",
        toSlot: "database",
        policies: ["read"],
      },
    },
  ],
  ctx,
);

describe("applyOps with presets", () => {
  const set = (
    environment: string,
    config: { params: Record<string, unknown>; preset: string | null; presetVersion?: number },
    c = ctx,
  ) =>
    applyOps(base, [{ op: "setInstance", component: "pg", environment, config }], c).instances.pg![
      environment
    ];

  it("pins the newest published version when none is named, and keeps a named one", () => {
    expect(base.instances.pg!.staging!.presetVersion).toBe(1);
    expect(
      set("production", { params: { size: 6, tier: "gold" }, preset: "Hardened" })!.presetVersion,
    ).toBe(2);
    expect(
      set("production", {
        params: { size: 4, tier: "gold" },
        preset: "Hardened",
        presetVersion: 1,
      })!.presetVersion,
    ).toBe(1);
    expect(set("staging", { params: { size: 4 }, preset: null, presetVersion: 3 })).toEqual({
      params: { size: 4 },
      preset: null,
    });
  });

  it("refuses a locked field, a value outside the pinned version's range, a missing version", () => {
    expect(() =>
      set("production", {
        params: { size: 4, tier: "bronze" },
        preset: "Hardened",
        presetVersion: 1,
      }),
    ).toThrow('ops.0.params.tier: is locked to "gold" by preset "Hardened" v1');
    expect(() =>
      set("production", {
        params: { size: 9, tier: "gold" },
        preset: "Hardened",
        presetVersion: 1,
      }),
    ).toThrow('ops.0.params.size: 9 is above the maximum 8: narrowed by preset "Hardened" v1');
    // v2 no longer narrows size: the same value passes on v2.
    expect(
      set("production", {
        params: { size: 9, tier: "gold" },
        preset: "Hardened",
        presetVersion: 2,
      })!.params.size,
    ).toBe(9);
    expect(() => set("production", { params: {}, preset: "Hardened", presetVersion: 7 })).toThrow(
      'ops.0.preset: "Hardened" v7 is not a published preset of db',
    );
  });

  it("refuses a preset not allowed in the environment, and enforces the production guardrail", () => {
    expect(() => set("staging", { params: { size: 6, tier: "gold" }, preset: "Hardened" })).toThrow(
      'ops.0.preset: preset "Hardened" v2 may only be used in production environments; staging is non-production',
    );
    const strict = { ...ctx, presets: { ...lookup, requireProductionPresets: true } };
    expect(() => set("production", { params: { size: 1 }, preset: null }, strict)).toThrow(
      /production environment: this organization requires a preset allowed in production/,
    );
    expect(set("staging", { params: { size: 1 }, preset: null }, strict)!.preset).toBeNull();
    expect(set("production", { params: { size: 1 }, preset: "Development" }, strict)!.preset).toBe(
      "Development",
    );
  });
});

describe("applyOps", () => {
  it("builds a diagram and never mutates its input", () => {
    expect(base.components.map((c) => c.name)).toEqual(["pg", "api"]);
    expect(base.links).toHaveLength(1);
    expect(empty.components).toHaveLength(0);
  });
  it("names the op and field of the first broken rule", () => {
    expect(() => applyOps(base, [add("x", "db", "pg")], ctx)).toThrow(
      'ops.0.name: "pg" is already used by another component of this project',
    );
    expect(() => applyOps(base, [add("x", "db", "Bad_Name")], ctx)).toThrow(
      /^ops\.0\.name: must be 1–20 lowercase/,
    );
    expect(() => applyOps(base, [add("x", "db", "a".repeat(21))], ctx)).toThrow(/^ops\.0\.name/);
    expect(() => applyOps(base, [{ op: "updateComponent", id: "pg", x: Number.NaN }], ctx)).toThrow(
      /^ops\.0\.x/,
    );
    expect(() =>
      applyOps(
        base,
        [
          add("pg2", "db"),
          {
            op: "addLink",
            link: {
              id: "l2",
              from: "pg2",
              fromArtifact: "database",
              to: "api",
              toSlot: "database",
              policies: [],
            },
          },
        ],
        ctx,
      ),
    ).toThrow("ops.1.link: slot already taken: api.database is connected to pg");
    expect(() =>
      applyOps(
        base,
        [
          { op: "removeLink", id: "l1" },
          {
            op: "addLink",
            link: {
              id: "l2",
              from: "pg",
              fromArtifact: "database",
              to: "api",
              toSlot: "database",
              policies: ["admin"],
            },
          },
        ],
        ctx,
      ),
    ).toThrow('ops.1.link.policies: "admin" is not a policy postgresql offers (read, write)');
    expect(() =>
      applyOps(
        base,
        [
          {
            op: "setInstance",
            component: "pg",
            environment: "staging",
            config: { params: { size: 11 }, preset: null },
          },
        ],
        ctx,
      ),
    ).toThrow("ops.0.params.size: must be <= 10");
    expect(() =>
      applyOps(
        base,
        [
          {
            op: "setInstance",
            component: "pg",
            environment: "qa",
            config: { params: {}, preset: null },
          },
        ],
        ctx,
      ),
    ).toThrow(/^ops\.0\.environment/);
    expect(() =>
      applyOps(
        base,
        [
          {
            op: "setInstance",
            component: "pg",
            environment: "staging",
            config: { params: {}, preset: "Huge" },
          },
        ],
        ctx,
      ),
    ).toThrow('ops.0.preset: "Huge" is not a published preset of db');
  });
  it("removing a component removes its lines and configuration", () => {
    const after = applyOps(base, [{ op: "removeComponent", id: "pg" }], ctx);
    expect(after.links).toEqual([]);
    expect(after.instances.pg).toBeUndefined();
  });
});

describe("invertOps", () => {
  const cases: [string, Op[]][] = [
    ["add", [add("cache", "db")]],
    ["move and rename", [{ op: "updateComponent", id: "api", x: 300, y: 40, name: "orders" }]],
    ["remove with lines and params", [{ op: "removeComponent", id: "pg" }]],
    ["unlink then relink", [{ op: "removeLink", id: "l1" }]],
    [
      "set params",
      [
        {
          op: "setInstance",
          component: "pg",
          environment: "staging",
          config: { params: { size: 5 }, preset: null },
        },
      ],
    ],
    [
      "a batch",
      [
        add("cache", "db"),
        { op: "removeComponent", id: "pg" },
        { op: "updateComponent", id: "api", x: 9 },
      ],
    ],
  ];
  it.each(cases)("%s: applying the inverse restores the diagram exactly", (_name, ops) => {
    const inverse = invertOps(base, ops, ctx);
    const after = applyOps(base, ops, ctx);
    const restored = applyOps(after, inverse, ctx);
    expect(restored.links).toEqual(base.links);
    expect(restored.instances).toEqual(base.instances);
    expect([...restored.components].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...base.components].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});

describe("policy choices per environment", () => {
  const choose = (policies: string[] | null, link = "l1", environment = "production"): Op => ({
    op: "setLinkPolicy",
    link,
    environment,
    policies,
  });
  it("records a choice for one environment on the link; the others keep what it was drawn with", () => {
    const d = applyOps(base, [choose(["write"])], ctx);
    expect(linkPoliciesIn(d.links[0]!, "production")).toEqual(["write"]);
    expect(linkPoliciesIn(d.links[0]!, "staging")).toEqual(["read"]);
    expect(d.links[0]!.policiesIn).toEqual({ production: ["write"] });
    expect(d.instances.api).toEqual(base.instances.api);
    expect(base.links[0]!.policiesIn).toBeUndefined(); // the input is not mutated
  });
  it("refuses policies the producer does not offer, an empty choice, unknown links and environments", () => {
    expect(() => applyOps(base, [choose(["admin"])], ctx)).toThrow(
      'ops.0.policies: "admin" is not a policy postgresql offers (read, write)',
    );
    expect(() => applyOps(base, [choose([])], ctx)).toThrow(
      "ops.0.policies: choose at least one policy (read, write)",
    );
    // Two rungs of one ladder are not a choice the canvas offers: refused, not widened.
    expect(() => applyOps(base, [choose(["read", "write"])], ctx)).toThrow(
      "ops.0.policies: choose one of read, write",
    );
    expect(() => applyOps(base, [choose(["read"], "nope")], ctx)).toThrow(
      "ops.0.link: is not a line of this diagram",
    );
    expect(() => applyOps(base, [choose(["read"], "l1", "preview")], ctx)).toThrow(
      "ops.0.environment: is not an environment of this project",
    );
  });
  it("drops a choice with null, and undo restores the previous one", () => {
    const chosen = applyOps(base, [choose(["write"])], ctx);
    const dropped = applyOps(chosen, [choose(null)], ctx);
    expect(dropped.links[0]).toEqual(base.links[0]);
    const ops = [choose(["read"])];
    const changed = applyOps(chosen, ops, ctx);
    expect(invertOps(chosen, ops, ctx)).toEqual([choose(["write"])]);
    expect(applyOps(changed, invertOps(chosen, ops, ctx), ctx).links).toEqual(chosen.links);
    expect(invertOps(base, [choose(["write"])], ctx)).toEqual([choose(null)]);
  });
  it("a param edit neither carries nor rewrites a link's choices", () => {
    const chosen = applyOps(base, [choose(["write"])], ctx);
    const edited = applyOps(
      chosen,
      [
        {
          op: "setInstance",
          component: "api",
          environment: "production",
          config: { params: { size: 2 }, preset: "Development" },
        },
      ],
      ctx,
    );
    expect(edited.links).toEqual(chosen.links);
    expect(edited.instances.api!.production).toEqual({
      params: { size: 2 },
      preset: "Development",
      presetVersion: 1,
    });
  });
  it("undoing a link's deletion, or its consumer's, brings its choices back", () => {
    const chosen = applyOps(base, [choose(["write"])], ctx);
    for (const removal of [
      [{ op: "removeLink", id: "l1" }],
      [{ op: "removeComponent", id: "api" }],
    ] as Op[][]) {
      const removed = applyOps(chosen, removal, ctx);
      const restored = applyOps(removed, invertOps(chosen, removal, ctx), ctx);
      expect(linkPoliciesIn(restored.links[0]!, "production")).toEqual(["write"]);
    }
  });
  it("refuses a link brought back with choices its producer no longer offers, or for an unknown environment", () => {
    const link = { ...base.links[0]!, id: "l2", policiesIn: { production: ["write"] } };
    const without = applyOps(base, [{ op: "removeLink", id: "l1" }], ctx);
    const ro = {
      ...ctx,
      policiesOf: (type: string) => (type === "postgresql" ? [{ id: "read" }] : undefined),
    };
    expect(() => applyOps(without, [{ op: "addLink", link }], ro)).toThrow(
      'ops.0.link.policiesIn.production: "write" is not a policy postgresql offers (read)',
    );
    expect(() =>
      applyOps(
        without,
        [{ op: "addLink", link: { ...link, policiesIn: { gone: ["read"] } } }],
        ctx,
      ),
    ).toThrow("ops.0.link.policiesIn.gone: is not an environment of this project");
  });
});

describe("applyOps: moving an instance off a preset that binds it", () => {
  // pg in production is pinned to Hardened v1, which locks tier and narrows size.
  const pinned = applyOps(
    base,
    [
      {
        op: "setInstance",
        component: "pg",
        environment: "production",
        config: { params: { size: 4, tier: "gold" }, preset: "Hardened", presetVersion: 1 },
      },
    ],
    ctx,
  );
  const as = (role: "owner" | "ops" | "developer" | "viewer") => ({
    ...ctx,
    presets: { ...lookup, role },
  });
  const move = (
    config: { params: Record<string, unknown>; preset: string | null; presetVersion?: number },
    c = ctx,
  ) =>
    applyOps(
      pinned,
      [{ op: "setInstance", component: "pg", environment: "production", config }],
      c,
    );
  const bound = '"pg" is pinned to preset "Hardened" v1, which locks tier and narrows size';

  it("refuses a developer another preset, custom values or removing the component, naming the preset and who may", () => {
    expect(() => move({ params: { size: 1 }, preset: "Development" })).toThrow(
      `ops.0.preset: ${bound}; moving it off that preset is an ops action (you are developer)`,
    );
    expect(() => move({ params: { size: 4, tier: "bronze" }, preset: null })).toThrow(
      `ops.0.preset: ${bound}; moving it off that preset is an ops action (you are developer)`,
    );
    expect(() => applyOps(pinned, [{ op: "removeComponent", id: "pg" }], ctx)).toThrow(
      `ops.0.id: ${bound.replace("v1,", "v1 in production,")}; removing it is an ops action (you are developer)`,
    );
  });

  it("lets a developer upgrade to a newer version and keep editing open fields, but not go back", () => {
    expect(
      move({ params: { size: 5, tier: "gold" }, preset: "Hardened", presetVersion: 1 }).instances
        .pg!.production!.params.size,
    ).toBe(5);
    const upgraded = move({
      params: { size: 6, tier: "gold" },
      preset: "Hardened",
      presetVersion: 2,
    });
    expect(upgraded.instances.pg!.production!.presetVersion).toBe(2);
    expect(() =>
      applyOps(
        upgraded,
        [
          {
            op: "setInstance",
            component: "pg",
            environment: "production",
            config: { params: { size: 4, tier: "gold" }, preset: "Hardened", presetVersion: 1 },
          },
        ],
        ctx,
      ),
    ).toThrow(
      'ops.0.preset: "pg" is pinned to preset "Hardened" v2, which locks tier; moving it back to v1 is an ops action (you are developer)',
    );
  });

  it("lets ops and the owner move it anywhere the environment allows; a viewer's role counts as no ops", () => {
    expect(
      move({ params: { size: 1 }, preset: "Development" }, as("ops")).instances.pg!.production!
        .preset,
    ).toBe("Development");
    expect(
      move({ params: { size: 1 }, preset: null }, as("owner")).instances.pg!.production!.preset,
    ).toBeNull();
    expect(
      applyOps(pinned, [{ op: "removeComponent", id: "pg" }], as("ops")).components.map(
        (c) => c.id,
      ),
    ).toEqual(["api"]);
    expect(() => move({ params: { size: 1 }, preset: null }, as("viewer"))).toThrow(
      /\(you are viewer\)$/,
    );
  });

  it("checks a batch against the config each op starts from: a pin set earlier in the same batch binds the next op", () => {
    const batch: Op[] = [
      {
        op: "setInstance",
        component: "pg",
        environment: "production",
        config: { params: { size: 4, tier: "gold" }, preset: "Hardened", presetVersion: 1 },
      },
      {
        op: "setInstance",
        component: "pg",
        environment: "production",
        config: { params: { size: 1 }, preset: "Development" },
      },
    ];
    expect(() => applyOps(base, batch, ctx)).toThrow(
      /^ops\.1\.preset: "pg" is pinned to preset "Hardened" v1/,
    );
  });
});
