// Auto-layout, left to right, with dagre (STYLE.md #12). Returns the moves as diagram
// operations so a layout is one undoable, saved change like any other. Lines get their
// label's size, so dagre leaves room for it between ranks (a label never has to sit on a
// component), and the spacing leaves a lane for lines to pass between components. dagre routes
// lines through those lanes, but the canvas draws each as a bezier between its handles, and
// dagre knows nothing of the handles' heights: ./layout-lanes.ts orders columns by them and
// moves any component a drawn line would still pass behind.
import dagre from "@dagrejs/dagre";
import type { Op } from "@/server/domain/graph/ops";
import { bundleRef, type Diagram } from "@/server/domain/graph/types";
import { type Box, clearLanes, orderByPorts, type Wire } from "./layout-lanes";
import { nodeHeight } from "./node-geometry";

export const NODE_WIDTH = 240;
const NODE_HEIGHT = 120;
const LABEL = { width: 160, height: 20 };
const ORDER_LIMIT = 250;

type Size = { width: number; height: number };
/** A component's slot keys in the order its node draws them: inputs, then outputs. */
export type Ports = { inputs: readonly string[]; outputs: readonly string[] };

type Slots = { inputs: readonly { key: string }[]; outputs: readonly { key: string }[] };

/** Each component's slot keys, from its bundle version (none when it is not in the catalog). */
export function portsOf(
  components: Diagram["components"],
  byRef: ReadonlyMap<string, Slots>,
): Map<string, Ports> {
  const keys = (slots: readonly { key: string }[]) => slots.map((s) => s.key);
  return new Map(
    components.flatMap((c) => {
      const b = byRef.get(bundleRef(c.bundle, c.version));
      return b ? [[c.id, { inputs: keys(b.inputs), outputs: keys(b.outputs) }] as const] : [];
    }),
  );
}

type LayoutInput = Pick<Diagram, "components" | "links">;

/**
 * dagre's placement alone (boxes, top-left) and the lines as handle rows. `sizes` are measured
 * node sizes when known (React Flow measures after render); `labels` the size of each line's
 * label by link id; `ports` each component's slots (by component id), which say where on a
 * node its lines start and end.
 */
export function dagrePlacement(
  diagram: LayoutInput,
  sizes: ReadonlyMap<string, Size> = new Map(),
  labels: ReadonlyMap<string, Size> = new Map(),
  ports: ReadonlyMap<string, Ports> = new Map(),
): { placed: Box[]; wires: Wire[] } {
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
    const slots = ports.get(c.id);
    const size = sizes.get(c.id) ?? {
      width: NODE_WIDTH,
      height: slots ? nodeHeight(slots.inputs.length + slots.outputs.length) : NODE_HEIGHT,
    };
    g.setNode(c.id, { width: size.width, height: size.height });
  }
  for (const l of diagram.links) {
    const label = labels.get(l.id) ?? LABEL;
    g.setEdge(l.from, l.to, { ...label, labelpos: "c" }, l.id);
  }
  dagre.layout(g);
  // dagre gives centres; React Flow positions are top-left corners.
  const placed: Box[] = diagram.components.map((c) => {
    const n = g.node(c.id);
    return { id: c.id, x: n.x - n.width / 2, y: n.y - n.height / 2, ...pick(n) };
  });
  const wires: Wire[] = diagram.links.map((l) => {
    const from = ports.get(l.from);
    const to = ports.get(l.to);
    const out = from?.outputs.indexOf(l.fromArtifact) ?? -1;
    const input = to?.inputs.indexOf(l.toSlot) ?? -1;
    return {
      id: l.id,
      from: l.from,
      fromRow: from && out >= 0 ? from.inputs.length + out : null,
      to: l.to,
      toRow: input >= 0 ? input : null,
    };
  });
  return { placed, wires };
}

/** The auto-layout as diagram operations (arguments as for {@link dagrePlacement}). */
export function layoutOps(
  diagram: LayoutInput,
  sizes: ReadonlyMap<string, Size> = new Map(),
  labels: ReadonlyMap<string, Size> = new Map(),
  ports: ReadonlyMap<string, Ports> = new Map(),
): Op[] {
  const { placed, wires } = dagrePlacement(diagram, sizes, labels, ports);
  // Ordering weighs every pair of lines per column tried: past a few hundred lines it would
  // cost more than dagre itself, so large diagrams keep dagre's order (and are only cleared).
  const ordered = wires.length <= ORDER_LIMIT ? orderByPorts(placed, wires) : placed;
  const at = new Map(clearLanes(ordered, wires).map((b) => [b.id, b]));
  const ops: Op[] = [];
  for (const c of diagram.components) {
    const b = at.get(c.id)!;
    const x = Math.round(b.x);
    const y = Math.round(b.y);
    if (x !== c.x || y !== c.y) ops.push({ op: "updateComponent", id: c.id, x, y });
  }
  return ops;
}

const pick = (n: Size) => ({ width: n.width, height: n.height });
