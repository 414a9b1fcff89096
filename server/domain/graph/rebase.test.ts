import { describe, expect, it } from "vitest";
import type { ApplyContext, Op } from "./ops";
import { rebaseOps } from "./rebase";
import { type Diagram, slotCatalog } from "./types";

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
  environments: ["staging"],
};

const base: Diagram = {
  components: [
    { id: "a", name: "api", bundle: "app", version: "1.0.0", x: 0, y: 0 },
    { id: "d", name: "db", bundle: "db", version: "1.0.0", x: 300, y: 0 },
  ],
  links: [],
  instances: {
    a: { staging: { params: { port: 3000, log: { level: "info" } }, preset: null } },
  },
};

const setParams = (params: Record<string, unknown>): Op => ({
  op: "setInstance",
  component: "a",
  environment: "staging",
  config: { params, preset: null },
});

describe("rebaseOps", () => {
  it("re-applies my field on top of their other field of the same instance", () => {
    const theirs = rebaseOps([setParams({ port: 3000, log: { level: "debug" } })], base, base, ctx);
    const r = rebaseOps(
      [setParams({ port: 8080, log: { level: "info" } })],
      base,
      theirs.diagram,
      ctx,
    );
    expect(r.conflicts).toEqual([]);
    expect(r.diagram.instances.a?.staging?.params).toEqual({ port: 8080, log: { level: "debug" } });
  });

  it("reports the field both changed, keeps theirs, and applies mine only when asked", () => {
    const theirs = rebaseOps([setParams({ port: 9000, log: { level: "info" } })], base, base, ctx);
    const mine = [setParams({ port: 8080, log: { level: "info" } })];
    const r = rebaseOps(mine, base, theirs.diagram, ctx);
    expect(r.ops).toEqual([]);
    expect(r.conflicts).toMatchObject([{ fields: ["params.port"], base }]);
    expect(r.conflicts[0]?.message).toContain("params.port of api changed since");
    const kept = rebaseOps(mine, base, theirs.diagram, ctx, true);
    expect(kept.diagram.instances.a?.staging?.params).toMatchObject({ port: 8080 });
  });

  it("renames, moves and versions merge per field; the same value on both sides is no conflict", () => {
    const onto = rebaseOps(
      [{ op: "updateComponent", id: "a", x: 50, y: 60 }],
      base,
      base,
      ctx,
    ).diagram;
    const r = rebaseOps(
      [
        { op: "updateComponent", id: "a", name: "web" },
        { op: "updateComponent", id: "a", x: 50, y: 60 },
      ],
      base,
      onto,
      ctx,
    );
    expect(r.conflicts).toEqual([]);
    expect(r.ops).toEqual([{ op: "updateComponent", id: "a", name: "web" }]);
    const moved = rebaseOps([{ op: "updateComponent", id: "a", x: 1, y: 1 }], base, onto, ctx);
    expect(moved.conflicts[0]?.fields).toEqual(["position"]);
  });

  it("an edit of a component someone deleted is a conflict; a resent add is nothing to do", () => {
    const gone = rebaseOps([{ op: "removeComponent", id: "a" }], base, base, ctx).diagram;
    const r = rebaseOps([setParams({ port: 1 })], base, gone, ctx);
    expect(r.conflicts[0]?.message).toBe("api was deleted since");
    const add: Op = {
      op: "addComponent",
      component: { id: "n", name: "new", bundle: "db", version: "1.0.0", x: 0, y: 0 },
    };
    const saved = rebaseOps([add], base, base, ctx).diagram;
    expect(rebaseOps([add], base, saved, ctx)).toMatchObject({ ops: [], conflicts: [] });
  });

  it("a line into a slot someone else filled is refused by the rules, as a conflict", () => {
    const line = (id: string): Op => ({
      op: "addLink",
      link: { id, from: "d", fromArtifact: "database", to: "a", toSlot: "database", policies: [] },
    });
    const onto = rebaseOps([line("theirs")], base, base, ctx).diagram;
    const r = rebaseOps([line("mine")], base, onto, ctx);
    expect(r.ops).toEqual([]);
    expect(r.conflicts).toHaveLength(1);
  });

  it("a line's policy choice merges per environment: theirs stands unless I keep mine", () => {
    const link: Op = {
      op: "addLink",
      link: {
        id: "l",
        from: "d",
        fromArtifact: "database",
        to: "a",
        toSlot: "database",
        policies: [],
      },
    };
    const choose = (policies: string[] | null): Op => ({
      op: "setLinkPolicy",
      link: "l",
      environment: "staging",
      policies,
    });
    const linked = rebaseOps([link], base, base, ctx).diagram;
    const theirs = rebaseOps([choose(["read-write"])], linked, linked, ctx).diagram;
    const same = rebaseOps([choose(["read-write"])], linked, theirs, ctx);
    expect(same).toMatchObject({ ops: [], conflicts: [] });
    const clash = rebaseOps([choose(["read-only"])], linked, theirs, ctx);
    expect(clash.ops).toEqual([]);
    expect(clash.conflicts).toMatchObject([{ fields: ["policies"] }]);
    const kept = rebaseOps([choose(["read-only"])], linked, theirs, ctx, true);
    expect(kept.diagram.links[0]?.policiesIn?.staging).toEqual(["read-only"]);
    const gone = rebaseOps([choose(["read-only"])], linked, base, ctx);
    expect(gone.conflicts[0]?.message).toBe("the line was deleted since");
  });
});
