import { describe, expect, it } from "vitest";
import { applyDelta, snapshotDelta } from "./delta";
import type { EnvironmentSnapshot, InstanceSnapshot } from "./types";

const instance = (params: Record<string, unknown>): InstanceSnapshot => ({
  bundleVersion: "1.0.0",
  preset: null,
  params,
  secrets: {},
  deployment: { status: "draft", deployedVersion: null },
  artifacts: {},
});
const component = (id: string, name = id) => ({ id, name, bundle: "b", version: "1.0.0" });
const link = (id: string, to: string) => ({
  id,
  from: "db",
  fromArtifact: "database",
  to,
  toSlot: "database",
  policies: ["read"],
});
const state: EnvironmentSnapshot = {
  environment: { id: "e", slug: "staging", name: "Staging", class: "non_production" },
  components: [component("db"), component("api"), component("web")],
  links: [link("l1", "api")],
  instances: { db: instance({ size: 1 }), api: instance({}), web: instance({}) },
};

describe("environment history deltas", () => {
  it("nothing moved: no delta", () => {
    const part = { components: [component("api")], links: [], instances: { api: instance({}) } };
    expect(snapshotDelta(part, structuredClone(part))).toBeNull();
  });

  it("replays to the state a whole snapshot would hold: a change, a removal, an addition", () => {
    const before = {
      components: [component("db"), component("web")],
      links: [link("l1", "api")],
      instances: { db: instance({ size: 1 }), web: instance({}) },
    };
    const after = {
      components: [component("db", "orders-db"), component("cache")],
      links: [link("l2", "web")],
      instances: { db: instance({ size: 2 }), cache: instance({}) },
    };
    const delta = snapshotDelta(before, after)!;
    expect(delta.removedComponents).toEqual(["web"]);
    expect(delta.removedLinks).toEqual(["l1"]);
    expect(Object.keys(delta.instances).sort()).toEqual(["cache", "db"]);
    const next = applyDelta(state, delta);
    expect(next.components.map((c) => [c.id, c.name])).toEqual([
      ["db", "orders-db"],
      ["api", "api"],
      ["cache", "cache"],
    ]);
    expect(next.links.map((l) => l.id)).toEqual(["l2"]);
    expect(next.instances).toEqual({
      db: instance({ size: 2 }),
      api: instance({}),
      cache: instance({}),
    });
    // The state it was applied to is left as it was.
    expect(state.instances.web).toEqual(instance({}));
  });
});
