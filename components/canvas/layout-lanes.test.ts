// Auto-layout on the demo diagram (the real bundles, linked as the seed links them): no drawn
// line passes behind a component that is not one of its ends, and the lines stay about as
// untangled as dagre left them.
import { describe, expect, it } from "vitest";
import type { Diagram, DiagramLink } from "@/server/domain/graph/types";
import { realBundle } from "@/test/real-catalog";
import { labelSize } from "./label-placement";
import { dagrePlacement, layoutOps, type Ports } from "./layout";
import {
  type Box,
  clearLanes,
  crossings,
  obstructions,
  orderByPorts,
  type Wire,
} from "./layout-lanes";

const PLAN = [
  ["network", "aws-vpc"],
  ["orders-db", "aws-rds-postgres"],
  ["cluster", "aws-eks-cluster"],
  ["sessions", "aws-elasticache-redis"],
  ["orders-queue", "aws-sqs-queue"],
  ["images", "aws-s3-bucket"],
  ["api", "k8s-application"],
  ["thumbnailer", "aws-lambda-function"],
] as const;

function demo() {
  const defs = PLAN.map(([name, bundle]) => ({ name, def: realBundle(bundle) }));
  const links: DiagramLink[] = [];
  for (const consumer of defs)
    for (const slot of consumer.def.connections) {
      const producer = defs.find(
        (p) => p !== consumer && p.def.artifacts.some((a) => a.type === slot.type),
      );
      const output = producer?.def.artifacts.find((a) => a.type === slot.type);
      if (producer && output)
        links.push({
          id: `${producer.name}-${consumer.name}-${slot.key}`,
          from: producer.name,
          fromArtifact: output.key,
          to: consumer.name,
          toSlot: slot.key,
          policies: [],
        });
    }
  const diagram: Diagram = {
    components: defs.map(({ name, def }) => ({
      id: name,
      name,
      bundle: def.name,
      version: def.version,
      x: 0,
      y: 0,
    })),
    links,
    instances: {},
  };
  const ports = new Map<string, Ports>(
    defs.map(({ name, def }) => [
      name,
      { inputs: def.connections.map((c) => c.key), outputs: def.artifacts.map((a) => a.key) },
    ]),
  );
  return { diagram, ports };
}

function laidOut(diagram: Diagram, ports: ReadonlyMap<string, Ports>) {
  const labels = new Map(diagram.links.map((l) => [l.id, labelSize(`${l.toSlot} · read-only`)]));
  const moved = new Map(
    layoutOps(diagram, new Map(), labels, ports).flatMap((op) =>
      op.op === "updateComponent" ? [[op.id, op] as const] : [],
    ),
  );
  const { placed, wires } = dagrePlacement(diagram, new Map(), labels, ports);
  const boxes: Box[] = placed.map((b) => ({
    ...b,
    x: moved.get(b.id)?.x ?? 0,
    y: moved.get(b.id)?.y ?? 0,
  }));
  return { boxes, wires, dagreOnly: placed };
}

describe("auto-layout lanes", () => {
  it("leaves no line of the demo behind a component that is not one of its ends", () => {
    const { diagram, ports } = demo();
    expect(diagram.links.length).toBeGreaterThan(6);
    const { boxes, wires, dagreOnly } = laidOut(diagram, ports);
    // What dagre alone leaves: a line drawn behind a component.
    expect(obstructions(dagreOnly, wires, 0).length).toBeGreaterThan(0);
    expect(obstructions(boxes, wires, 0).map((o) => `${o.wire.id} behind ${o.box.id}`)).toEqual([]);
    // Nothing on top of anything either.
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(
          a.x < b.x + b.width &&
            b.x < a.x + a.width &&
            a.y < b.y + b.height &&
            b.y < a.y + a.height,
          `${a.id} overlaps ${b.id}`,
        ).toBe(false);
    // And no more tangled than dagre left it, counting lines into different inputs of a node.
    expect(crossings(boxes, wires)).toBeLessThanOrEqual(crossings(dagreOnly, wires));
  });

  it("moves a component off a line that passes straight through it, its column pushed along", () => {
    const box = (id: string, x: number, y: number): Box => ({ id, x, y, width: 240, height: 100 });
    const boxes = [box("a", 0, 0), box("mid", 400, 0), box("below", 400, 140), box("b", 800, 0)];
    const wires: Wire[] = [{ id: "a-b", from: "a", fromRow: null, to: "b", toRow: null }];
    expect(obstructions(boxes, wires)).toHaveLength(1);
    const cleared = clearLanes(boxes, wires);
    expect(obstructions(cleared, wires)).toEqual([]);
    const at = new Map(cleared.map((b) => [b.id, b]));
    expect(at.get("below")!.y).toBeGreaterThanOrEqual(at.get("mid")!.y + 100);
  });

  it("orders a column by the inputs its lines go to: the upper input's source above", () => {
    const box = (id: string, x: number, y: number): Box => ({ id, x, y, width: 240, height: 104 });
    // db feeds the api's second input, cache its first: stacked db over cache, their lines cross.
    const boxes = [box("db", 0, 0), box("cache", 0, 144), box("api", 500, 40)];
    const wires: Wire[] = [
      { id: "db-api", from: "db", fromRow: 0, to: "api", toRow: 1 },
      { id: "cache-api", from: "cache", fromRow: 0, to: "api", toRow: 0 },
    ];
    expect(crossings(boxes, wires)).toBe(1);
    const ordered = orderByPorts(boxes, wires);
    expect(crossings(ordered, wires)).toBe(0);
    const at = new Map(ordered.map((b) => [b.id, b]));
    expect(at.get("cache")!.y).toBeLessThan(at.get("db")!.y);
    // Restacked in the column's own room: no overlap, same top.
    expect(at.get("cache")!.y).toBe(0);
    expect(at.get("db")!.y).toBeGreaterThanOrEqual(104);
  });
});
