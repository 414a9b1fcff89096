// Auto-layout, left to right, with dagre (STYLE.md #12). Returns the moves as diagram
// operations so a layout is one undoable, saved change like any other. Lines get their
// label's size, so dagre leaves room for it between ranks (a label never has to sit on a
// component), and the spacing leaves a lane for lines to pass between components.
import dagre from "@dagrejs/dagre";
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";

export const NODE_WIDTH = 240;
const NODE_HEIGHT = 120;
const LABEL = { width: 160, height: 20 };

type Size = { width: number; height: number };

/**
 * `sizes` are measured node sizes when known (React Flow measures after render); `labels`
 * the size of each line's label by link id.
 */
export function layoutOps(
  diagram: Pick<Diagram, "components" | "links">,
  sizes: ReadonlyMap<string, Size> = new Map(),
  labels: ReadonlyMap<string, Size> = new Map(),
): Op[] {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: "LR",
    nodesep: 60,
    edgesep: 30,
    ranksep: 100,
    marginx: 20,
    marginy: 20,
  });
  for (const c of diagram.components) {
    const size = sizes.get(c.id) ?? { width: NODE_WIDTH, height: NODE_HEIGHT };
    g.setNode(c.id, { width: size.width, height: size.height });
  }
  for (const l of diagram.links) {
    const label = labels.get(l.id) ?? LABEL;
    g.setEdge(l.from, l.to, { ...label, labelpos: "c" }, l.id);
  }
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
