// Where each line's label goes so that no two labels overlap and none sits on a component.
// Pure and framework-free: the editor calls it with node boxes and line ends, the layout test
// calls it directly. A label first tries the middle of its own curve, then slides along it,
// and only then steps off it vertically, so it stays next to the line it names.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LabelRequest {
  id: string;
  /** The line's ends (source handle on a right side, target handle on a left side). */
  from: { x: number; y: number };
  to: { x: number; y: number };
  width: number;
  height: number;
}

export type Point = { x: number; y: number };

/** Room kept around a label, so neighbours read as separate. */
const GAP = 4;
/** Where along the curve a label may sit, in order of preference. */
const ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73];
const STEPS_OFF = 8;
const CELL = 160;

/** 12px text: a generous average advance, so an estimate never undershoots the drawn label. */
export function labelSize(text: string): { width: number; height: number } {
  return { width: Math.ceil(text.length * 7) + 16, height: 20 };
}

// React Flow's bezier for a right-side source and a left-side target (getBezierPath).
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

/** The point at `t` on the curve React Flow draws between these ends. */
export function pointOnLine(from: Point, to: Point, t: number): Point {
  const c1 = { x: from.x + controlOffset(to.x - from.x), y: from.y };
  const c2 = { x: to.x - controlOffset(to.x - from.x), y: to.y };
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return {
    x: a * from.x + b * c1.x + c * c2.x + d * to.x,
    y: a * from.y + b * c1.y + c * c2.y + d * to.y,
  };
}

/** A grid of boxes: a label checks only the cells it covers, not every box on the canvas. */
class Grid {
  private cells = new Map<string, Box[]>();
  private keys(b: Box): string[] {
    const keys: string[] = [];
    for (let i = Math.floor(b.x / CELL); i <= Math.floor((b.x + b.width) / CELL); i++)
      for (let j = Math.floor(b.y / CELL); j <= Math.floor((b.y + b.height) / CELL); j++)
        keys.push(`${i}:${j}`);
    return keys;
  }
  add(b: Box) {
    for (const k of this.keys(b)) {
      const cell = this.cells.get(k);
      if (cell) cell.push(b);
      else this.cells.set(k, [b]);
    }
  }
  hits(b: Box): boolean {
    for (const k of this.keys(b))
      for (const o of this.cells.get(k) ?? []) if (overlaps(b, o)) return true;
    return false;
  }
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

const centred = (p: Point, w: number, h: number): Box => ({
  x: p.x - w / 2 - GAP / 2,
  y: p.y - h / 2 - GAP / 2,
  width: w + GAP,
  height: h + GAP,
});

/**
 * The centre of each label. Labels are placed top to bottom, left to right (a stable order,
 * so a small edit moves few labels); `previous` entries are returned as the same objects when
 * a label stays put, so a line whose label did not move is not drawn again.
 */
export function placeLabels(
  labels: readonly LabelRequest[],
  obstacles: readonly Box[],
  previous: ReadonlyMap<string, Point> = new Map(),
): Map<string, Point> {
  const grid = new Grid();
  for (const o of obstacles) grid.add(o);
  const order = labels
    .map((l) => ({ l, mid: pointOnLine(l.from, l.to, 0.5) }))
    .sort((a, b) => a.mid.y - b.mid.y || a.mid.x - b.mid.x || (a.l.id < b.l.id ? -1 : 1));
  const placed = new Map<string, Point>();
  for (const { l, mid } of order) {
    let chosen: Point | null = null;
    for (const t of ALONG) {
      const p = t === 0.5 ? mid : pointOnLine(l.from, l.to, t);
      if (!grid.hits(centred(p, l.width, l.height))) {
        chosen = p;
        break;
      }
    }
    // Crowded curve: step off it, below then above, a label's height at a time.
    for (let k = 1; !chosen && k <= STEPS_OFF; k++) {
      for (const sign of [1, -1]) {
        const p = { x: mid.x, y: mid.y + sign * k * (l.height + GAP) };
        if (!grid.hits(centred(p, l.width, l.height))) {
          chosen = p;
          break;
        }
      }
    }
    const at = chosen ?? mid;
    grid.add(centred(at, l.width, l.height));
    const before = previous.get(l.id);
    placed.set(
      l.id,
      before && Math.abs(before.x - at.x) < 0.5 && Math.abs(before.y - at.y) < 0.5 ? before : at,
    );
  }
  return placed;
}
