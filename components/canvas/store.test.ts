// The store's undo against a live diagram: separate edits are separate undos, and undoing
// mine never reverts what someone else saved meanwhile.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyOps, type Op } from "@/server/domain/graph/ops";
import { type Diagram, slotCatalog } from "@/server/domain/graph/types";
import type { CatalogView } from "./catalog-view";
import { createCanvasStore } from "./store";
import { SaveError } from "./sync-failure";

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
