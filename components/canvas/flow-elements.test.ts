import { describe, expect, it } from "vitest";
import { buildGraphIndex } from "@/server/domain/graph/connect";
import { applyOps } from "@/server/domain/graph/ops";
import { slotCatalog, type Diagram } from "@/server/domain/graph/types";
import { buildEdges, buildNodes } from "./flow-elements";

const catalog = slotCatalog([
  {
    name: "db",
    version: "1",
    connections: [],
    artifacts: [{ key: "database", type: "postgresql", title: "DB" }],
  },
  {
    name: "db",
    version: "2",
    connections: [],
    artifacts: [{ key: "database", type: "mysql", title: "DB" }],
  },
  {
    name: "app",
    version: "1",
    connections: [{ key: "database", type: "postgresql", title: "DB", required: true }],
    artifacts: [],
  },
]);
const ctx = { catalog, environments: [] };
const base: Diagram = {
  components: [
    { id: "pg", name: "pg", bundle: "db", version: "1", x: 0, y: 0 },
    { id: "api", name: "api", bundle: "app", version: "1", x: 300, y: 0 },
    { id: "web", name: "web", bundle: "app", version: "1", x: 300, y: 200 },
  ],
  links: [
    {
      id: "l1",
      from: "pg",
      fromArtifact: "database",
      to: "api",
      toSlot: "database",
      policies: ["read"],
    },
  ],
  instances: {},
};
const status = () => "draft";
const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));

describe("flow elements", () => {
  it("mark a required input missing only when no reference, line or default fills it", () => {
    const index = buildGraphIndex(base, catalog);
    const nodes = buildNodes(base, index, status, new Map());
    expect(nodes.map((n) => n.data.missing)).toEqual(["", "", "database"]);
    const referenced = buildNodes(base, index, status, byId(nodes), {
      referenced: new Set(["web\u0000database"]),
    });
    expect(referenced[2]!.data.missing).toBe("");
    expect(referenced[0]).toBe(nodes[0]); // untouched nodes keep their objects
    const defaulted = buildNodes(base, index, status, byId(nodes), {
      defaults: new Map([["postgresql", "legacy-db"]]),
    });
    expect(defaulted[2]!.data.missing).toBe("");
  });

  it("keep the identity of untouched nodes and edges, so React Flow re-renders only what changed", () => {
    const nodes = buildNodes(base, buildGraphIndex(base, catalog), status, new Map());
    const edges = buildEdges(base, buildGraphIndex(base, catalog), "staging", new Map());
    const moved = applyOps(base, [{ op: "updateComponent", id: "web", x: 10 }], ctx);
    const index = buildGraphIndex(moved, catalog);
    const nodes2 = buildNodes(moved, index, status, byId(nodes));
    expect(nodes2[0]).toBe(nodes[0]);
    expect(nodes2[1]).toBe(nodes[1]);
    expect(nodes2[2]).not.toBe(nodes[2]);
    expect(nodes2[2]!.position).toEqual({ x: 10, y: 200 });
    expect(buildEdges(moved, index, "staging", byId(edges))[0]).toBe(edges[0]);
  });
  it("flag empty required inputs on the node and a line that no longer type-checks as broken", () => {
    const nodes = buildNodes(base, buildGraphIndex(base, catalog), status, new Map());
    expect(nodes.map((n) => n.data.missing)).toEqual(["", "", "database"]);
    const upgraded = applyOps(base, [{ op: "updateComponent", id: "pg", version: "2" }], ctx);
    const [edge] = buildEdges(upgraded, buildGraphIndex(upgraded, catalog), "staging", new Map());
    expect(edge!.data!.broken).toBe(
      "type mismatch: api.database takes postgresql, pg.database produces mysql",
    );
    expect(upgraded.links).toHaveLength(1);
  });
  it("label a link with the policies it grants in the current environment", () => {
    const chosen: typeof base = {
      ...base,
      links: base.links.map((l) => ({ ...l, policiesIn: { production: ["write"] } })),
    };
    const index = buildGraphIndex(chosen, catalog);
    const staging = buildEdges(chosen, index, "staging", new Map());
    expect(staging[0]!.data!.policies).toBe("read");
    const production = buildEdges(chosen, index, "production", byId(staging));
    expect(production[0]!.data!.policies).toBe("write");
    expect(production[0]).not.toBe(staging[0]);
  });
});
