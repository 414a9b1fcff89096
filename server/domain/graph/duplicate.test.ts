// A duplicate (`addComponent` with `copyInstancesOf`) copies its source's configuration in
// every environment when applied, the ones the client named win: a canvas that holds only some
// environments still duplicates them all, and the server copies the rest from its own rows.
import { describe, expect, it } from "vitest";
import { footprint } from "./footprint";
import { applyOps, invertOps, type ApplyContext, type Op } from "./ops";
import { rebaseOps } from "./rebase";
import { entriesTouched } from "./touched";
import { slotCatalog, type Diagram } from "./types";

const ctx: ApplyContext = {
  catalog: slotCatalog([
    { name: "db", version: "1.0.0", connections: [], artifacts: [] },
    { name: "cache", version: "1.0.0", connections: [], artifacts: [] },
  ]),
  environments: ["staging", "production", "preview"],
  validateParams: (_b, _v, params) =>
    typeof params.size === "number" && params.size > 10
      ? [{ path: "size", message: "must be <= 10" }]
      : [],
};

const pg = { id: "pg", name: "pg", bundle: "db", version: "1.0.0", x: 0, y: 0 };
// The server's diagram: the source configured in all three environments.
const server: Diagram = {
  components: [pg, { ...pg, id: "redis", name: "redis", bundle: "cache" }],
  links: [],
  instances: {
    pg: {
      staging: { params: { size: 1 }, preset: null },
      production: { params: { size: 8 }, preset: null },
      preview: { params: { size: 2 }, preset: null },
    },
    redis: {},
  },
};
// The canvas's copy: it holds staging only.
const canvas: Diagram = {
  ...server,
  instances: { pg: { staging: server.instances.pg!.staging! }, redis: {} },
};
const duplicate = (extra: Partial<Extract<Op, { op: "addComponent" }>> = {}): Op => ({
  op: "addComponent",
  component: { ...pg, id: "pg-copy", name: "pg-2", x: 40, y: 40 },
  instances: { staging: { params: { size: 3 }, preset: null } },
  copyInstancesOf: "pg",
  ...extra,
});

describe("duplicating a component", () => {
  it("copies every environment the applying side holds, named ones winning", () => {
    // On the server: production and preview come from its rows, staging as the client sent it.
    expect(applyOps(server, [duplicate()], ctx).instances["pg-copy"]).toEqual({
      staging: { params: { size: 3 }, preset: null },
      production: { params: { size: 8 }, preset: null },
      preview: { params: { size: 2 }, preset: null },
    });
    // On the canvas (optimistic): what it holds; the rest arrives with the saved diagram.
    expect(
      applyOps(canvas, [duplicate({ instances: undefined })], ctx).instances["pg-copy"],
    ).toEqual({ staging: { params: { size: 1 }, preset: null } });
    // The copies are the source's values, not shared objects.
    const after = applyOps(server, [duplicate()], ctx);
    expect(after.instances["pg-copy"]!.production).not.toBe(after.instances.pg!.production);
  });

  it("checks copied configurations like named ones, and refuses a missing or foreign source", () => {
    const oversized: Diagram = {
      ...server,
      instances: { ...server.instances, pg: { preview: { params: { size: 11 }, preset: null } } },
    };
    expect(() => applyOps(oversized, [duplicate()], ctx)).toThrow("ops.0.params.size");
    expect(() => applyOps(server, [duplicate({ copyInstancesOf: "nope" })], ctx)).toThrow(
      "ops.0.copyInstancesOf: is not a component of this diagram",
    );
    expect(() => applyOps(server, [duplicate({ copyInstancesOf: "redis" })], ctx)).toThrow(
      "ops.0.copyInstancesOf: is a cache, not a db",
    );
  });

  it("is undone by a removal, rebased as made, and touches its source's entries", () => {
    expect(invertOps(canvas, [duplicate()], ctx)).toEqual([
      { op: "removeComponent", id: "pg-copy" },
    ]);
    const r = rebaseOps([duplicate()], canvas, server, ctx);
    expect(r.conflicts).toEqual([]);
    expect(r.ops).toEqual([duplicate()]);
    expect(r.diagram.instances["pg-copy"]!.preview).toEqual({ params: { size: 2 }, preset: null });
    // Source deleted since: a conflict, not a component without configuration.
    const gone = { ...server, components: [server.components[1]!] };
    expect(rebaseOps([duplicate()], canvas, gone, ctx).conflicts[0]?.message).toMatch(
      /copyInstancesOf/,
    );
    expect([...entriesTouched([duplicate()], server).components].sort()).toEqual(["pg", "pg-copy"]);
    expect([...footprint([duplicate()]).reads]).toContain("c:pg");
  });
});
