// Auto-layout on the demo diagram (the real bundles, linked as the seed links them): no drawn
// line passes behind a component that is not one of its ends, and the lines stay about as
// untangled as dagre left them.
import { describe, expect, it } from "vitest";
import type { Diagram, DiagramLink } from "@/server/domain/graph/types";
import { realBundle } from "@/test/real-catalog";
import { labelSize } from "./label-placement";
import { layoutOps, type Ports } from "./layout";
import { type Box, clearLanes, crossings, obstructions, type Wire } from "./layout-lanes";
import { nodeHeight, NODE_WIDTH } from "./node-geometry";

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
  const boxes: Box[] = diagram.components.map((c) => {
    const p = ports.get(c.id)!;
    return {
      id: c.id,
      x: moved.get(c.id)?.x ?? c.x,
      y: moved.get(c.id)?.y ?? c.y,
      width: NODE_WIDTH,
      height: nodeHeight(p.inputs.length + p.outputs.length),
    };
  });
  const wires: Wire[] = diagram.links.map((l) => {
    const from = ports.get(l.from)!;
    return {
      id: l.id,
      from: l.from,
      fromRow: from.inputs.length + from.outputs.indexOf(l.fromArtifact),
      to: l.to,
      toRow: ports.get(l.to)!.inputs.indexOf(l.toSlot),
    };
  });
  return { boxes, wires };
}

describe("auto-layout lanes", () => {
  it("leaves no line of the demo behind a component that is not one of its ends", () => {
    const { diagram, ports } = demo();
    expect(diagram.links.length).toBeGreaterThan(6);
    const { boxes, wires } = laidOut(diagram, ports);
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
    // dagre alone crosses two pairs of lines and draws one behind orders-db; taking orders-db
    // off that line may cost one crossing, never more.
    expect(crossings(boxes, wires)).toBeLessThanOrEqual(3);
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
});
