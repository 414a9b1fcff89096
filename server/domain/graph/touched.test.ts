import { describe, expect, it } from "vitest";
import type { Op } from "./ops";
import { entriesTouched, environmentsTouched } from "./touched";

const envs = ["staging", "production", "preview"];
const config = { params: {}, preset: null };

describe("environments a diagram change moves", () => {
  it("an instance edit or a line's policy choice moves only its environment", () => {
    const ops: Op[] = [
      { op: "setInstance", component: "api", environment: "production", config },
      { op: "setInstance", component: "db", environment: "production", config },
      { op: "setLinkPolicy", link: "l1", environment: "production", policies: ["read-write"] },
    ];
    expect(environmentsTouched(ops, envs)).toEqual(["production"]);
  });

  it("a move moves none: positions are not an environment's state", () => {
    expect(environmentsTouched([{ op: "updateComponent", id: "api", x: 1, y: 2 }], envs)).toEqual(
      [],
    );
  });

  it("a change to the shared diagram moves every environment", () => {
    for (const op of [
      { op: "updateComponent", id: "api", name: "web" },
      { op: "removeComponent", id: "api" },
      { op: "removeLink", id: "l1" },
    ] satisfies Op[])
      expect(
        environmentsTouched(
          [{ op: "setInstance", component: "api", environment: "preview", config }, op],
          envs,
        ),
      ).toEqual(envs);
  });
});

describe("entries of an environment's state a diagram change moves", () => {
  const base = {
    components: ["db", "api", "web"].map((id) => ({
      id,
      name: id,
      bundle: "b",
      version: "1.0.0",
      x: 0,
      y: 0,
    })),
    links: [
      {
        id: "l1",
        from: "db",
        fromArtifact: "database",
        to: "api",
        toSlot: "database",
        policies: [],
      },
    ],
    instances: {},
  };

  it("a line moves itself and its consumer; a removed line's consumer too", () => {
    const t = entriesTouched([{ op: "removeLink", id: "l1" }], base);
    expect([...t.links]).toEqual(["l1"]);
    expect([...t.components]).toEqual(["api"]);
  });

  it("removing a producer moves its lines and their consumers", () => {
    const t = entriesTouched([{ op: "removeComponent", id: "db" }], base);
    expect([...t.components].sort()).toEqual(["api", "db"]);
    expect([...t.links]).toEqual(["l1"]);
  });

  it("an instance edit moves that component only", () => {
    const t = entriesTouched(
      [{ op: "setInstance", component: "web", environment: "staging", config }],
      base,
    );
    expect([...t.components]).toEqual(["web"]);
    expect(t.links.size).toBe(0);
  });
});
