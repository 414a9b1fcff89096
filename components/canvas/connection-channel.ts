// The hot path of the canvas gets its own small store (STYLE.md #14, as xyflow keeps the
// dragged connection apart): the handle a line is dragged from, and where dragged components
// are right now. A drag frame changes only this channel, so it re-renders the editor surface
// and never wakes the selectors of every node, handle, line and panel on the canvas store.
import type { XYPosition } from "@xyflow/react";
import { createStore } from "zustand/vanilla";

interface Connecting {
  nodeId: string;
  handleId: string;
  handleType: "source" | "target";
}

export interface ConnectionState {
  /** The handle a line is being dragged from, while dragging. */
  connecting: Connecting | null;
  /** Components being dragged → their live position; the diagram changes once, at drag stop. */
  dragging: ReadonlyMap<string, XYPosition> | null;
  /** Each line's label centre, placed so that none overlap (./use-label-placement.ts). */
  labels: ReadonlyMap<string, XYPosition>;
  /** A component to bring into view (one the palette's `+` just added), as a fresh object. */
  reveal: { id: string } | null;
}

export function createConnectionChannel() {
  return createStore<ConnectionState>()(() => ({
    connecting: null,
    dragging: null,
    labels: new Map(),
    reveal: null,
  }));
}

export type ConnectionChannel = ReturnType<typeof createConnectionChannel>;
