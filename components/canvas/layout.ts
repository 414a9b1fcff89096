// Auto-layout, left to right, with dagre (STYLE.md #12). Returns the moves as diagram
// operations so a layout is one undoable, saved change like any other.
import dagre from "@dagrejs/dagre";
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";

export const NODE_WIDTH = 240;
const NODE_HEIGHT = 120;

/** `sizes` are measured node sizes when known (React Flow measures after render). */
export function layoutOps(
  diagram: Pick<Diagram, "components" | "links">,
  sizes: ReadonlyMap<string, { width: number; height: number }> = new Map(),
): Op[] {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 40, ranksep: 120, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const c of diagram.components) {
    const size = sizes.get(c.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(c.id, { width: size.width, height: size.height });
  }
  for (const l of diagram.links) g.setEdge(l.from, l.to);
  dagre.layout(g);
  const ops: Op[] = [];
  for (const c of diagram.components) {
    const n = g.node(c.id);
    // dagre gives centres; React Flow positions are top-left corners.
    const x = Math.round(n.x - n.width / 2);
    const y = Math.round(n.y - n.height / 2);
    if (x !== c.x || y !== c.y) ops.push({ op: "updateComponent", id: c.id, x, y });
  }
  return ops;
}
