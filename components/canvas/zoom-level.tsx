"use client";
// Whether the canvas draws nodes compact and lines' labels, decided once for the whole canvas.
// Each of 500 nodes and 800 lines selecting it from React Flow's store was 1,300 selectors run
// on every pan and zoom frame (and 1,300 subscriptions set up on load); through a context they
// cost nothing until the zoom crosses COMPACT_BELOW, when every node and line has to change anyway.
import { useStore } from "@xyflow/react";
import { createContext, type ReactNode, useContext, useMemo } from "react";
import { compactSelector, readableSelector } from "./node-geometry";

interface ZoomLevel {
  /** Below COMPACT_BELOW: nodes draw name and slot marks only. */
  compact: boolean;
  /** Lines show their labels (the pane is mounted and nodes are drawn in full). */
  readable: boolean;
}

const ZoomLevelContext = createContext<ZoomLevel>({ compact: false, readable: true });

export function ZoomLevelProvider({ children }: { children: ReactNode }) {
  const compact = useStore(compactSelector);
  const readable = useStore(readableSelector);
  const value = useMemo(() => ({ compact, readable }), [compact, readable]);
  return <ZoomLevelContext.Provider value={value}>{children}</ZoomLevelContext.Provider>;
}

export const useZoomLevel = () => useContext(ZoomLevelContext);
