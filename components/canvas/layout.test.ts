import { describe, expect, it } from "vitest";
import { applyOps } from "@/server/domain/graph/ops";
import { slotCatalog, type Diagram } from "@/server/domain/graph/types";
import { labelSize, overlaps, placeLabels } from "./label-placement";
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

  it("leaves room between ranks for every line's label, clear of the components", () => {
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
      components: [c("db"), c("cache"), c("api")],
      links: [l("db", "api"), l("cache", "api")],
      instances: {},
    };
    const size = labelSize("postgresql · read-only");
    const labels = new Map(diagram.links.map((x) => [x.id, size]));
    const laid = applyOps(diagram, layoutOps(diagram, new Map(), labels), {
      catalog: slotCatalog([{ name: "b", version: "1", connections: [], artifacts: [] }]),
      environments: [],
    });
    const at = new Map(laid.components.map((x) => [x.id, x]));
    const gap = at.get("api")!.x - (at.get("db")!.x + NODE_WIDTH);
    expect(gap).toBeGreaterThanOrEqual(size.width);
    const nodes = laid.components.map((x) => ({ x: x.x, y: x.y, width: NODE_WIDTH, height: 120 }));
    const requests = laid.links.map((x) => ({
      id: x.id,
      from: { x: at.get(x.from)!.x + NODE_WIDTH, y: at.get(x.from)!.y + 60 },
      to: { x: at.get(x.to)!.x, y: at.get(x.to)!.y + 60 },
      ...size,
    }));
    const placed = placeLabels(requests, nodes);
    const boxes = requests.map((r) => {
      const p = placed.get(r.id)!;
      return { x: p.x - r.width / 2, y: p.y - r.height / 2, width: r.width, height: r.height };
    });
    expect(overlaps(boxes[0]!, boxes[1]!)).toBe(false);
    for (const b of boxes) for (const n of nodes) expect(overlaps(b, n)).toBe(false);
  });
});
