import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApplyContext, applyOps, type Op } from "@/server/domain/graph/ops";
import { type Diagram, slotCatalog } from "@/server/domain/graph/types";
import { createSync, type SyncView } from "./sync";
import { SaveError, type SaveFailure } from "./sync-failure";
import { holdingOnly } from "@/test/held-diagram";

const ctx: ApplyContext = {
  catalog: slotCatalog([{ name: "app", version: "1.0.0", connections: [], artifacts: [] }]),
  environments: ["staging"],
};
const start: Diagram = {
  components: ["a", "b"].map((id, i) => ({
    id,
    name: `c${id}`,
    bundle: "app",
    version: "1.0.0",
    x: i * 100,
    y: 0,
  })),
  links: [],
  instances: { a: { staging: { params: { port: 1, level: "info" }, preset: null } } },
};
const params = (port: number, level: string): Op => ({
  op: "setInstance",
  component: "a",
  environment: "staging",
  config: { params: { port, level }, preset: null },
});
const move = (id: string, x: number): Op => ({ op: "updateComponent", id, x });

/** The server: one revision counter, the same rules, and failures on demand. */
function fakeServer() {
  const server = {
    revision: 0,
    diagram: start,
    calls: 0,
    /** As the real server: a save based on an older revision lands over others' (disjoint here). */
    rebases: false,
    failures: [] as (SaveFailure | "lost answer")[],
    async send(base: number, ops: Op[]) {
      server.calls++;
      const failure = server.failures.shift();
      if (failure && failure !== "lost answer") throw new SaveError(failure);
      if (base !== server.revision && !(server.rebases && base < server.revision))
        throw new SaveError({ kind: "conflict", message: "revision moved" });
      server.diagram = applyOps(server.diagram, ops, ctx);
      server.revision++;
      if (failure === "lost answer") throw new TypeError("fetch failed");
      return { revision: server.revision };
    },
    /** Someone else's save. */
    other(ops: Op[]) {
      server.diagram = applyOps(server.diagram, ops, ctx);
      server.revision++;
    },
  };
  return server;
}

function client(server: ReturnType<typeof fakeServer>) {
  let local = server.diagram;
  let view: SyncView | null = null;
  const refused: string[] = [];
  const sync = createSync(
    { revision: server.revision, diagram: server.diagram },
    {
      send: server.send,
      fetchLatest: async () => ({ revision: server.revision, diagram: server.diagram }),
      context: () => ctx,
      replaceLocal: (d) => {
        local = d;
      },
      publish: (v) => {
        view = v;
      },
      refused: (label, message) => refused.push(`${label}: ${message}`),
    },
  );
  return {
    sync,
    refused,
    view: () => view ?? sync.view(),
    local: () => local,
    edit(ops: Op[], label = "edit") {
      const before = local;
      local = applyOps(local, ops, ctx);
      sync.push({ ops, before, label });
    },
  };
}

const port = (d: Diagram) => d.instances.a?.staging?.params;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("canvas sync", () => {
  it("sends edits in order; each save advances the base revision", async () => {
    const server = fakeServer();
    const c = client(server);
    c.edit([move("a", 10)]);
    c.edit([move("b", 20)]);
    await vi.runAllTimersAsync();
    expect(server.revision).toBe(2);
    expect(c.view()).toMatchObject({ revision: 2, waiting: 0, phase: "idle" });
    expect(server.diagram).toEqual(c.local());
  });

  it("retries a 5xx with backoff, says when, and lands once the server answers", async () => {
    const server = fakeServer();
    const down = { kind: "unavailable", message: "500" } as const;
    server.failures.push(down, down);
    const c = client(server);
    c.edit([move("a", 10)]);
    await vi.advanceTimersByTimeAsync(0);
    expect(c.view()).toMatchObject({ phase: "retrying", waiting: 1 });
    expect(c.view().retryAt).toBe(Date.now() + 1000);
    c.edit([move("b", 20)]); // made while waiting: goes with the next attempt
    await vi.advanceTimersByTimeAsync(1000);
    expect(c.view().retryAt).toBe(Date.now() + 2000); // second failure: backs off further
    await vi.advanceTimersByTimeAsync(2000);
    expect(c.view()).toMatchObject({ phase: "idle", waiting: 0, revision: 1 });
    expect(server.diagram.components.map((x) => x.x)).toEqual([10, 20]);
    expect(server.calls).toBe(3);
  });

  it("on a conflict, merges pending edits onto the newer diagram and saves them: both changes stand", async () => {
    const server = fakeServer();
    const c = client(server);
    server.other([params(1, "debug")]);
    c.edit([params(8080, "info")]);
    await vi.runAllTimersAsync();
    expect(port(server.diagram)).toEqual({ port: 8080, level: "debug" });
    expect(c.local()).toEqual(server.diagram);
    expect(c.view()).toMatchObject({ revision: 2, waiting: 0, conflicts: [] });
  });

  it("a save the server rebased over another's reads theirs back: both stand on the canvas", async () => {
    const server = fakeServer();
    server.rebases = true;
    const c = client(server);
    server.other([move("b", 77)]);
    c.edit([move("a", 10)]);
    await vi.runAllTimersAsync();
    expect(server.calls).toBe(1);
    expect(server.diagram.components.map((x) => x.x)).toEqual([10, 77]);
    expect(c.local()).toEqual(server.diagram);
    expect(c.view()).toMatchObject({ revision: 2, waiting: 0, conflicts: [] });
  });

  it("keeps an edit of the same field aside for a decision and still saves the others", async () => {
    const server = fakeServer();
    const c = client(server);
    server.other([params(9000, "info")]);
    c.edit([params(8080, "info")], "edit port");
    c.edit([move("b", 50)], "move");
    await vi.runAllTimersAsync();
    expect(port(server.diagram)).toEqual({ port: 9000, level: "info" });
    expect(server.diagram.components[1]?.x).toBe(50);
    const [conflict] = c.view().conflicts;
    if (!conflict) throw new Error("expected a conflict");
    expect(conflict).toMatchObject({ label: "edit port", fields: ["params.port"] });
    expect(port(c.local())).toEqual({ port: 9000, level: "info" });
    expect(c.sync.settle(conflict.id)).toBe(conflict);
    expect(c.view().conflicts).toEqual([]);
  });

  it("a refused edit is taken out and named; the edits around it are saved", async () => {
    const server = fakeServer();
    const c = client(server);
    c.edit([move("a", 10)], "first");
    // Made while the first is in flight: all three go in the next request; op 1 is the third's.
    c.edit([move("a", 11)], "second");
    c.edit([move("b", 12)], "third");
    c.edit([move("a", 13)], "fourth");
    server.failures.push({ kind: "refused", message: "x: too far", opIndex: 1 });
    await vi.runAllTimersAsync();
    expect(c.refused).toEqual(["third: x: too far"]);
    expect(server.diagram.components.map((x) => x.x)).toEqual([13, 100]);
    expect(c.local()).toEqual(server.diagram);
  });

  it("a save whose answer was lost is not applied twice when retried", async () => {
    const server = fakeServer();
    server.failures.push("lost answer");
    const c = client(server);
    c.edit([
      {
        op: "addComponent",
        component: { id: "n", name: "new", bundle: "app", version: "1.0.0", x: 0, y: 0 },
      },
    ]);
    await vi.runAllTimersAsync();
    expect(server.diagram.components).toHaveLength(3);
    expect(c.view()).toMatchObject({ waiting: 0, conflicts: [], revision: 1 });
  });
});

describe("canvas sync holding some environments", () => {
  const ctx2: ApplyContext = { ...ctx, environments: ["staging", "production"] };
  const full: Diagram = {
    ...start,
    instances: {
      a: {
        staging: { params: { port: 1, level: "info" }, preset: null },
        production: { params: { port: 443, level: "warn" }, preset: null },
      },
      b: { production: { params: { port: 80, level: "warn" }, preset: null } },
    },
  };

  function partialClient() {
    const server = {
      revision: 0,
      diagram: full,
      reads: [] as (readonly string[] | undefined)[],
      async send(base: number, ops: Op[]) {
        if (base !== server.revision)
          throw new SaveError({ kind: "conflict", message: "revision moved" });
        server.diagram = applyOps(server.diagram, ops, ctx2);
        return { revision: ++server.revision };
      },
      other(ops: Op[]) {
        server.diagram = applyOps(server.diagram, ops, ctx2);
        server.revision++;
      },
    };
    let local = holdingOnly(full, ["staging"]);
    let widened = 0;
    const sync = createSync(
      { revision: 0, diagram: local, environments: ["staging"] },
      {
        send: server.send,
        fetchLatest: async (envs) => {
          server.reads.push(envs);
          return {
            revision: server.revision,
            diagram: holdingOnly(server.diagram, envs),
            environments: envs,
          };
        },
        context: () => ctx2,
        replaceLocal: (d) => {
          local = d;
        },
        publish: () => {},
        widened: () => widened++,
      },
    );
    return {
      server,
      sync,
      local: () => local,
      widened: () => widened,
      edit(ops: Op[], label = "edit") {
        const before = local;
        local = applyOps(local, ops, ctx2);
        sync.push({ ops, before, label });
      },
    };
  }

  it("merges a conflict onto a snapshot of the held environments; the others stay as saved", async () => {
    const c = partialClient();
    c.server.other([params(1, "debug")]);
    c.edit([params(8080, "info")]);
    await vi.runAllTimersAsync();
    expect(c.server.reads).toEqual([["staging"]]);
    expect(port(c.server.diagram)).toEqual({ port: 8080, level: "debug" });
    expect(c.server.diagram.instances.a?.production).toEqual(full.instances.a?.production);
    expect(c.local()).toEqual(holdingOnly(c.server.diagram, ["staging"]));
    expect(c.sync.view()).toMatchObject({ waiting: 0, conflicts: [], held: ["staging"] });
    // The same field changed by both: set aside for a decision, production untouched.
    c.server.other([params(9000, "debug")]);
    c.edit([params(7000, "debug")], "edit port");
    await vi.runAllTimersAsync();
    expect(c.sync.view().conflicts).toMatchObject([
      { label: "edit port", fields: ["params.port"] },
    ]);
    expect(port(c.server.diagram)).toEqual({ port: 9000, level: "debug" });
  });

  it("holding one more environment with an edit in flight keeps the edit and fills in the rest", async () => {
    const c = partialClient();
    c.edit([params(8080, "info")]);
    // The save is on its way when the canvas switches to production.
    c.sync.hold(["production"]);
    c.sync.hold(["staging"]); // already held: nothing more to read
    await vi.runAllTimersAsync();
    expect(c.server.reads).toEqual([["staging", "production"]]);
    expect(c.widened()).toBe(1);
    expect(port(c.server.diagram)).toEqual({ port: 8080, level: "info" });
    expect(c.local()).toEqual(c.server.diagram);
    expect(c.sync.view()).toMatchObject({ waiting: 0, held: ["staging", "production"] });
    // A newer diagram from elsewhere holding fewer environments is read again, not taken.
    c.server.other([move("b", 5)]);
    c.sync.adopt({
      revision: c.server.revision,
      diagram: holdingOnly(c.server.diagram, ["staging"]),
      environments: ["staging"],
    });
    await vi.runAllTimersAsync();
    expect(c.server.reads.at(-1)).toEqual(["staging", "production"]);
    expect(c.local()).toEqual(c.server.diagram);
  });
});
