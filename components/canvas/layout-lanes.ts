// What dagre cannot know about our canvas, fixed after it has placed the components:
// - a line is drawn as React Flow's bezier from handle to handle (not along dagre's routed
//   points), so a line spanning several columns can pass behind a component in between;
// - a component's inputs sit at fixed heights (the bundle's slot order), so the order of the
//   components feeding it decides whether their lines cross.
// `orderByPorts` re-orders each column by where its lines come from and arrive (a barycentre
// sweep that knows the port heights, kept only when lines cross less), then `clearLanes`
// moves a component that still sits on a line out of the line's band, pushing its column
// neighbours along. Both are pure: positions in, positions out.
import { handleTop } from "./node-geometry";

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A line between handles: slot indices in the node's slot rows, or null when unknown. */
export interface Wire {
  id: string;
  from: string;
  fromRow: number | null;
  to: string;
  toRow: number | null;
}

type Point = { x: number; y: number };
/** Room kept between a line and a component it passes, and between stacked components. */
const MARGIN = 12;
const GAP = 40;
const SAMPLES = 32;

const rowY = (box: Box, row: number | null) =>
  row === null ? box.y + box.height / 2 : box.y + Math.min(handleTop(row), box.height);

function ends(wire: Wire, at: ReadonlyMap<string, Box>): [Point, Point] | null {
  const a = at.get(wire.from);
  const b = at.get(wire.to);
  if (!a || !b) return null;
  return [
    { x: a.x + a.width, y: rowY(a, wire.fromRow) },
    { x: b.x, y: rowY(b, wire.toRow) },
  ];
}

/** Points along the curve React Flow draws (getBezierPath, right handle to left handle). */
function bezierPoints(s: Point, t: Point, samples = SAMPLES): Point[] {
  const dx = t.x - s.x;
  const offset = dx >= 0 ? 0.5 * dx : 0.25 * 25 * Math.sqrt(-dx);
  const c1 = { x: s.x + offset, y: s.y };
  const c2 = { x: t.x - offset, y: t.y };
  const out: Point[] = [];
  for (let i = 0; i <= samples; i++) {
    const u = i / samples;
    const v = 1 - u;
    const [a, b, c, d] = [v * v * v, 3 * v * v * u, 3 * v * u * u, u * u * u];
    out.push({
      x: a * s.x + b * c1.x + c * c2.x + d * t.x,
      y: a * s.y + b * c1.y + c * c2.y + d * t.y,
    });
  }
  return out;
}

/** Whether segment p–q enters the box (Liang–Barsky clipping). */
function segmentHits(p: Point, q: Point, box: Box, margin: number): boolean {
  const [x0, y0, x1, y1] = [
    box.x - margin,
    box.y - margin,
    box.x + box.width + margin,
    box.y + box.height + margin,
  ];
  let [t0, t1] = [0, 1];
  const dx = q.x - p.x;
  const dy = q.y - p.y;
  for (const [pk, qk] of [
    [-dx, p.x - x0],
    [dx, x1 - p.x],
    [-dy, p.y - y0],
    [dy, y1 - p.y],
  ] as const) {
    if (pk === 0) {
      if (qk < 0) return false;
      continue;
    }
    const r = qk / pk;
    if (pk < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

const spans = (points: Point[]) => {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, p.x);
    x1 = Math.max(x1, p.x);
    y0 = Math.min(y0, p.y);
    y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
};

/** Every (line, component) pair where the line passes over a component that is not its end. */
export function obstructions(
  boxes: readonly Box[],
  wires: readonly Wire[],
  margin = MARGIN,
): { wire: Wire; box: Box; points: Point[] }[] {
  const at = new Map(boxes.map((b) => [b.id, b]));
  const found: { wire: Wire; box: Box; points: Point[] }[] = [];
  for (const wire of wires) {
    const e = ends(wire, at);
    if (!e) continue;
    const points = bezierPoints(e[0], e[1]);
    const s = spans(points);
    for (const box of boxes) {
      if (box.id === wire.from || box.id === wire.to) continue;
      // Cheap reject first: most components are nowhere near most lines.
      if (box.x - margin > s.x1 || box.x + box.width + margin < s.x0) continue;
      if (box.y - margin > s.y1 || box.y + box.height + margin < s.y0) continue;
      for (let i = 1; i < points.length; i++)
        if (segmentHits(points[i - 1]!, points[i]!, box, margin)) {
          found.push({ wire, box, points });
          break;
        }
    }
  }
  return found;
}

/** Pairs of lines whose handle-to-handle chords cross (how tangled the columns are). */
export function crossings(boxes: readonly Box[], wires: readonly Wire[]): number {
  const at = new Map(boxes.map((b) => [b.id, b]));
  const chords = wires.flatMap((w) => {
    const e = ends(w, at);
    return e ? [{ w, s: e[0], t: e[1] }] : [];
  });
  const side = (a: Point, b: Point, c: Point) =>
    Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
  let n = 0;
  for (let i = 0; i < chords.length; i++)
    for (let j = i + 1; j < chords.length; j++) {
      const a = chords[i]!;
      const b = chords[j]!;
      // Lines from one handle (or into one) meet there; into two handles of a node they may cross.
      const sameEnd = (x: Wire, y: Wire, end: "from" | "to") =>
        x[end] === y[end] && x[`${end}Row`] === y[`${end}Row`];
      if (sameEnd(a.w, b.w, "from") || sameEnd(a.w, b.w, "to")) continue;
      if (
        side(a.s, a.t, b.s) * side(a.s, a.t, b.t) < 0 &&
        side(b.s, b.t, a.s) * side(b.s, b.t, a.t) < 0
      )
        n++;
    }
  return n;
}

/** Components stacked in one column: those whose x ranges overlap `box`'s. */
const columnOf = (boxes: readonly Box[], box: Box) =>
  boxes.filter((b) => b.x < box.x + box.width && box.x < b.x + b.width);

/** Moves `box` by `dy` and pushes its column neighbours in that direction so none overlap. */
function shift(boxes: Box[], box: Box, dy: number) {
  const column = columnOf(boxes, box).sort((a, b) => a.y - b.y);
  box.y += dy;
  const i = column.indexOf(box);
  if (dy > 0)
    for (let k = i + 1; k < column.length; k++) {
      const prev = column[k - 1]!;
      column[k]!.y = Math.max(column[k]!.y, prev.y + prev.height + GAP);
    }
  else
    for (let k = i - 1; k >= 0; k--) {
      const next = column[k + 1]!;
      column[k]!.y = Math.min(column[k]!.y, next.y - column[k]!.height - GAP);
    }
}

const clone = (boxes: readonly Box[]) => boxes.map((b) => ({ ...b }));
const score = (boxes: readonly Box[], wires: readonly Wire[]) =>
  obstructions(boxes, wires).length * 1000 + crossings(boxes, wires);

/**
 * Re-orders each column (components sharing an x range) so the components feeding a node's
 * upper inputs sit above those feeding its lower ones: sorted by the height their lines want
 * them at, restacked in the column's own slots. Kept only where lines cross (or pass behind
 * components) less.
 */
export function orderByPorts(boxes: readonly Box[], wires: readonly Wire[]): Box[] {
  let best = clone(boxes);
  let bestScore = score(best, wires);
  const columns = new Map<number, string[]>();
  for (const b of [...best].sort((a, b) => a.x - b.x)) {
    const key = [...columns.keys()].find((x) => Math.abs(x - b.x) < b.width / 2) ?? b.x;
    columns.set(key, [...(columns.get(key) ?? []), b.id]);
  }
  for (let sweep = 0; sweep < 4; sweep++) {
    const order = [...columns.values()];
    if (sweep % 2 === 1) order.reverse();
    for (const ids of order) {
      if (ids.length < 2) continue;
      const next = clone(best);
      const at = new Map(next.map((b) => [b.id, b]));
      const column = ids.map((id) => at.get(id)!).sort((a, b) => a.y - b.y);
      const wanted = (box: Box) => {
        const ys: number[] = [];
        for (const w of wires) {
          const e = ends(w, at);
          if (!e) continue;
          if (w.to === box.id && !ids.includes(w.from)) ys.push(e[0].y - (e[1].y - box.y));
          if (w.from === box.id && !ids.includes(w.to)) ys.push(e[1].y - (e[0].y - box.y));
        }
        return ys.length > 0 ? ys.reduce((a, b) => a + b, 0) / ys.length : box.y;
      };
      const keyed = column.map((box) => ({ box, key: wanted(box) }));
      const sorted = [...keyed].sort((a, b) => a.key - b.key).map((k) => k.box);
      if (sorted.every((b, i) => b === column[i])) continue;
      let y = column[0]!.y;
      for (const box of sorted) {
        box.y = y;
        y += box.height + GAP;
      }
      const s = score(next, wires);
      if (s < bestScore) {
        best = next;
        bestScore = s;
      }
    }
  }
  return best;
}

/** `box` swapped with its column neighbour `step` places up (-1) or down (+1), restacked. */
function swapped(boxes: readonly Box[], id: string, step: -1 | 1): Box[] | null {
  const next = clone(boxes);
  const box = next.find((b) => b.id === id)!;
  const column = columnOf(next, box).sort((a, b) => a.y - b.y);
  const i = column.indexOf(box);
  const other = column[i + step];
  if (!other) return null;
  const [top, bottom] = step < 0 ? [box, other] : [other, box];
  const start = Math.min(box.y, other.y);
  top.y = start;
  bottom.y = start + top.height + GAP;
  // Whatever follows keeps clear of the pair.
  shift(next, bottom, 0.001);
  return next;
}

/**
 * Moves components off the lines that pass behind them: each one out of the band its line
 * takes across it (up or down, its column pushed along) or swapped with a column neighbour —
 * whichever leaves fewest lines behind components, then fewest crossings, then moves least.
 * Bounded: a diagram that cannot be cleared keeps the best positions found.
 */
export function clearLanes(boxes: readonly Box[], wires: readonly Wire[], rounds = 40): Box[] {
  let current = clone(boxes);
  for (let round = 0; round < rounds; round++) {
    const hits = obstructions(current, wires);
    const [hit] = hits;
    if (!hit) break;
    const { box, points } = hit;
    const across = points.filter((p) => p.x >= box.x - MARGIN && p.x <= box.x + box.width + MARGIN);
    const band = spans(across.length > 0 ? across : points);
    const moves = [band.y1 + MARGIN + 1 - box.y, band.y0 - MARGIN - 1 - (box.y + box.height)].map(
      (dy) => {
        const moved = clone(current);
        shift(moved, moved.find((b) => b.id === box.id)!, dy);
        return { moved, cost: Math.abs(dy) };
      },
    );
    const swaps = ([-1, 1] as const).flatMap((step) => {
      const moved = swapped(current, box.id, step);
      return moved ? [{ moved, cost: 0 }] : [];
    });
    const [best] = [...moves, ...swaps]
      .map((o) => ({
        ...o,
        left: obstructions(o.moved, wires).length,
        crossed: crossings(o.moved, wires),
      }))
      .sort((a, b) => a.left - b.left || a.crossed - b.crossed || a.cost - b.cost);
    // No option helps: stop rather than wander.
    if (!best || best.left >= hits.length) break;
    current = best.moved;
  }
  return current;
}
