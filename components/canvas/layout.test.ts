import { describe, expect, it } from "vitest";
import { applyOps } from "@/server/domain/graph/ops";
import { slotCatalog, type Diagram } from "@/server/domain/graph/types";
import { layoutOps, NODE_WIDTH } from "./layout";

describe("layoutOps", () => {
  it("places producers left of their consumers and nothing on top of anything", () => {
    const c = (id: string) => ({ id, name: id, bundle: "b", version: "1", x: 0, y: 0 });
    const l = (from: string, to: string) => ({
      id: `${from}-${to}`,
      from,
      fromArtifact: "o",
      to,
      toSlot: "i",
      policies: [],
    });
    const diagram: Diagram = {
      components: [c("db"), c("queue"), c("api"), c("web")],
      links: [l("db", "api"), l("queue", "api"), l("api", "web")],
      instances: {},
    };
    const ops = layoutOps(diagram);
    const laid = applyOps(diagram, ops, {
      catalog: slotCatalog([{ name: "b", version: "1", connections: [], artifacts: [] }]),
      environments: [],
    });
    const at = new Map(laid.components.map((x) => [x.id, x]));
    expect(at.get("db")!.x + NODE_WIDTH).toBeLessThan(at.get("api")!.x);
    expect(at.get("api")!.x + NODE_WIDTH).toBeLessThan(at.get("web")!.x);
    const positions = laid.components.map((x) => `${x.x},${x.y}`);
    expect(new Set(positions).size).toBe(4);
    expect(layoutOps(laid)).toEqual([]);
  });
});
