// The store's undo against a live diagram: separate edits are separate undos, and undoing
// mine never reverts what someone else saved meanwhile.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyOps, type Op } from "@/server/domain/graph/ops";
import { type Diagram, slotCatalog } from "@/server/domain/graph/types";
import type { CatalogView } from "./catalog-view";
import { createCanvasStore } from "./store";
import { UNKNOWN_STATUS } from "./store-inputs";
import { holdsCurrent } from "./store-state";
import { SaveError } from "./sync-failure";
import { holdingOnly } from "@/test/held-diagram";

const catalog: CatalogView = {
  byRef: new Map(),
  latest: [],
  versions: new Map(),
  types: new Map(),
  slots: slotCatalog([{ name: "app", version: "1.0.0", connections: [], artifacts: [] }]),
  presets: [],
  requireProductionPresets: false,
};
const start: Diagram = {
  components: [{ id: "a", name: "api", bundle: "app", version: "1.0.0", x: 0, y: 0 }],
  links: [],
  instances: { a: { staging: { params: { port: 1, level: "info" }, preset: null } } },
};
const set = (params: Record<string, unknown>): Op => ({
  op: "setInstance",
  component: "a",
  environment: "staging",
  config: { params, preset: null },
});

function setup() {
  const server = { revision: 0, diagram: start, refuse: null as SaveError | null };
  let gesture: string | undefined;
  const store = createCanvasStore(
    { revision: 0, diagram: start },
    "staging",
    {
      catalog,
      environments: [{ id: "staging", name: "Staging", slug: "staging", class: "non_production" }],
      readOnly: false,
      role: "developer",
      statuses: [],
      environmentDefaults: new Map(),
      references: new Set(),
    },
    {
      send: async (base, ops) => {
        if (base !== server.revision) throw new Error("unexpected conflict");
        if (server.refuse) throw server.refuse;
        server.diagram = applyOps(server.diagram, ops, {
          catalog: catalog.slots,
          environments: ["staging"],
        });
        return { revision: ++server.revision };
      },
      fetchLatest: async () => server,
      gesture: () => gesture,
    },
  );
  const params = () => store.getState().diagram.instances.a?.staging?.params;
  const type = (focus: string, next: Record<string, unknown>) => {
    gesture = focus;
    store.getState().dispatch([set(next)], { capture: "coalesce", key: "a/params", label: "edit" });
  };
  return { server, store, params, type };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("canvas store undo", () => {
  it("two field edits in separate focuses are two undos; keystrokes in one focus are one", async () => {
    const { store, params, type } = setup();
    type("focus-1", { port: 80, level: "info" });
    type("focus-1", { port: 8080, level: "info" });
    type("focus-2", { port: 8080, level: "debug" });
    await vi.runAllTimersAsync();
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(params()).toEqual({ port: 8080, level: "info" });
    store.getState().undo();
    expect(params()).toEqual({ port: 1, level: "info" });
  });

  it("undoing my edit leaves someone else's later edit of another field in place", async () => {
    const { server, store, params, type } = setup();
    type("focus-1", { port: 8080, level: "info" });
    await vi.runAllTimersAsync();
    // Someone else saves the level; the canvas learns of it (a refetch).
    server.diagram = applyOps(server.diagram, [set({ port: 8080, level: "warn" })], {
      catalog: catalog.slots,
      environments: ["staging"],
    });
    server.revision++;
    store.getState().adopt({ revision: server.revision, diagram: server.diagram });
    await vi.runAllTimersAsync();
    expect(params()).toEqual({ port: 8080, level: "warn" });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    await vi.runAllTimersAsync();
    expect(params()).toEqual({ port: 1, level: "warn" });
    expect(server.diagram.instances.a?.staging?.params).toEqual({ port: 1, level: "warn" });
  });
});

describe("canvas store refusals", () => {
  it("keeps a value the server refused, by form and field, until it is cleared", async () => {
    const { server, store, params, type } = setup();
    const reason = "must be at most 65535";
    server.refuse = new SaveError({
      kind: "refused",
      message: `ops.0.params.port: ${reason}`,
      opIndex: 0,
      field: "params.port",
      reason,
    });
    type("focus-1", { port: 70000, level: "info" });
    await vi.runAllTimersAsync();
    // The diagram is back to what is saved; the refused value is kept for its form.
    expect(params()).toEqual({ port: 1, level: "info" });
    expect(store.getState().refusedValues.get("a/staging")).toEqual({
      params: { port: 70000, level: "info" },
      path: "port",
      reason,
    });
    expect(store.getState().notice?.message).toBe(`Not saved: edit: ops.0.params.port: ${reason}`);
    const before = store.getState().refusedValues;
    store.getState().clearRefused("b/staging");
    expect(store.getState().refusedValues).toBe(before);
    store.getState().clearRefused("a/staging");
    expect(store.getState().refusedValues.size).toBe(0);
  });
});

describe("canvas store environments held", () => {
  const both = { catalog: catalog.slots, environments: ["staging", "production"] };
  const full: Diagram = {
    ...start,
    instances: {
      a: {
        staging: { params: { port: 1, level: "info" }, preset: null },
        production: { params: { port: 443, level: "warn" }, preset: null },
      },
    },
  };

  function twoEnvironments() {
    const server = { revision: 0, diagram: full, reads: [] as (readonly string[] | undefined)[] };
    const sent: Op[][] = [];
    const store = createCanvasStore(
      { revision: 0, diagram: holdingOnly(full, ["staging"]), environments: ["staging"] },
      "staging",
      {
        catalog,
        environments: ["staging", "production"].map((id) => ({
          id,
          name: id,
          slug: id,
          class: "non_production" as const,
        })),
        readOnly: false,
        role: "developer",
        statuses: [],
        environmentDefaults: new Map(),
        references: new Set(),
      },
      {
        send: async (base, ops) => {
          if (base !== server.revision) throw new Error("unexpected conflict");
          sent.push(ops);
          server.diagram = applyOps(server.diagram, ops, both);
          return { revision: ++server.revision };
        },
        fetchLatest: async (envs) => {
          server.reads.push(envs);
          return {
            revision: server.revision,
            diagram: holdingOnly(server.diagram, envs),
            ...(envs ? { environments: envs } : {}),
          };
        },
      },
    );
    return { server, store, sent };
  }
  const config = (env: string) => (s: { diagram: Diagram }) => s.diagram.instances.a?.[env]?.params;

  it("switching with an edit queued keeps the edit and shows the new environment once read", async () => {
    const { server, store } = twoEnvironments();
    store
      .getState()
      .dispatch([set({ port: 8080, level: "info" })], { capture: "coalesce", label: "edit" });
    // Typing waits for a pause: the edit is still queued when the user switches.
    expect(store.getState().pending).toBe(1);
    store.getState().setEnvironment("production");
    // Not held yet: nothing of staging's (or no configuration) shown as production's.
    expect(holdsCurrent(store.getState())).toBe(false);
    expect(config("production")(store.getState())).toBeUndefined();
    await vi.runAllTimersAsync();
    expect(server.reads).toEqual([["staging", "production"]]);
    expect(holdsCurrent(store.getState())).toBe(true);
    expect(config("production")(store.getState())).toEqual({ port: 443, level: "warn" });
    expect(config("staging")(store.getState())).toEqual({ port: 8080, level: "info" });
    expect(server.diagram.instances.a?.staging?.params).toEqual({ port: 8080, level: "info" });
    expect(store.getState().pending).toBe(0);
    // Undo still works across the switch; switching back is instant (no read).
    store.getState().undo();
    await vi.runAllTimersAsync();
    expect(server.diagram.instances.a?.staging?.params).toEqual({ port: 1, level: "info" });
    expect(server.diagram.instances.a?.production?.params).toEqual({ port: 443, level: "warn" });
    store.getState().setEnvironment("staging");
    expect(holdsCurrent(store.getState())).toBe(true);
    await vi.runAllTimersAsync();
    expect(server.reads).toHaveLength(1);
  });

  it("shows a component's status as unknown, not draft, until the environment's statuses are read", () => {
    const { store } = twoEnvironments();
    const status = () => store.getState().nodes.find((n) => n.id === "a")?.data.status;
    store.getState().setInputs({
      statuses: [{ componentId: "a", environmentId: "staging", status: "deployed" }],
      statusesOf: ["staging"],
    });
    expect(status()).toBe("deployed");
    store.getState().setEnvironment("production");
    expect(status()).toBe(UNKNOWN_STATUS);
    store.getState().setInputs({
      statuses: [
        { componentId: "a", environmentId: "staging", status: "deployed" },
        { componentId: "a", environmentId: "production", status: "failed" },
      ],
      statusesOf: ["staging", "production"],
    });
    expect(status()).toBe("failed");
    // Read for production, never deployed there: draft.
    store.getState().setInputs({ statuses: [], statusesOf: ["staging", "production"] });
    expect(status()).toBe("draft");
  });

  it("refuses an edit of an environment whose instances are not in yet", () => {
    const { store, sent } = twoEnvironments();
    store.getState().setEnvironment("production");
    const edit: Op = { ...set({ port: 1 }), environment: "production" } as Op;
    expect(store.getState().dispatch([edit], { capture: "record", label: "edit" })).toBe(false);
    expect(sent).toEqual([]);
  });

  it("a deletion reads every environment first, so its undo brings all of them back", async () => {
    const { server, store, sent } = twoEnvironments();
    store
      .getState()
      .dispatch([{ op: "removeComponent", id: "a" }], { capture: "record", label: "delete api" });
    await vi.runAllTimersAsync();
    // The whole read came before the deletion was sent.
    expect(server.reads).toEqual([undefined]);
    expect(sent).toEqual([[{ op: "removeComponent", id: "a" }]]);
    expect(server.diagram.components).toEqual([]);
    expect(store.getState().held).toBeNull();
    store.getState().undo();
    await vi.runAllTimersAsync();
    expect(server.diagram.instances.a).toEqual(full.instances.a);
  });
});
