// The component node's fixed geometry, shared by the node (which draws it) and the editor
// (which frames a diagram before any node has been measured). Fixed sizes are what let a
// handle sit at the same place in full and compact drawing, and the first frame already
// show the whole diagram at the zoom it will keep.
import {
  getViewportForBounds,
  type NodeHandle,
  Position,
  type ReactFlowState,
  type Viewport,
} from "@xyflow/react";

export const NODE_WIDTH = 240;
const HEADER = 56;
export const ROW = 20;
const BODY_PAD = 4;
export const HANDLE = 10;
/** Below this zoom the slot rows cannot be read: nodes draw only their header and bare handles. */
export const COMPACT_BELOW = 0.45;

/**
 * Line labels are read only where nodes are drawn in full; below that zoom they would be noise
 * (and work). Until React Flow's pane has mounted its transform is the default 100%, not the zoom
 * the canvas opens at: reading labels for that first render cost ~200 ms of a large diagram's load.
 */
/** Compact drawing below COMPACT_BELOW: the slot rows are most of what a large diagram lays out. */
export const compactSelector = (s: ReactFlowState) => s.transform[2] < COMPACT_BELOW;

export const readableSelector = (s: ReactFlowState) =>
  s.panZoom !== null && s.transform[2] >= COMPACT_BELOW;

export const handleTop = (i: number) => HEADER + BODY_PAD + i * ROW + ROW / 2;
export const nodeHeight = (slotCount: number) => HEADER + BODY_PAD * 2 + slotCount * ROW;

/**
 * Where every handle sits, declared on the node: React Flow then draws lines without reading a
 * handle's box from the DOM, so compact drawing can leave out the (2,000 on a large diagram)
 * interactive handles a line cannot be dragged from at that zoom anyway.
 */
export function slotHandles(inputs: Iterable<string>, outputs: Iterable<string>): NodeHandle[] {
  const handles: NodeHandle[] = [];
  const size = { width: HANDLE, height: HANDLE };
  for (const id of inputs) {
    const y = handleTop(handles.length) - HANDLE / 2;
    handles.push({ id, type: "target", position: Position.Left, x: -HANDLE / 2, y, ...size });
  }
  for (const id of outputs) {
    const [x, y] = [NODE_WIDTH - HANDLE / 2, handleTop(handles.length) - HANDLE / 2];
    handles.push({ id, type: "source", position: Position.Right, x, y, ...size });
  }
  return handles;
}

export const FIT = { padding: 0.2, maxZoom: 1.2 };
export const MIN_ZOOM = 0.05;

/**
 * The viewport `fitView` would settle on, computed before the first render from positions
 * and slot counts. Starting there (instead of rendering at 100% and fitting after React Flow
 * has measured every node) renders a large diagram once, already compact, instead of twice.
 */
export function initialViewport(
  components: readonly { x: number; y: number; slots: number }[],
  width: number,
  height: number,
): Viewport | undefined {
  if (components.length === 0 || width <= 0 || height <= 0) return undefined;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const c of components) {
    x0 = Math.min(x0, c.x);
    y0 = Math.min(y0, c.y);
    x1 = Math.max(x1, c.x + NODE_WIDTH);
    y1 = Math.max(y1, c.y + nodeHeight(c.slots));
  }
  return getViewportForBounds(
    { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    width,
    height,
    MIN_ZOOM,
    FIT.maxZoom,
    FIT.padding,
  );
}
