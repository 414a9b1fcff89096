"use client";
// Keeps `--canvas-zoom` on the React Flow element, so text on nodes can grow as a diagram is
// zoomed out to fit (the canvas-text-* utilities in app/globals.css) and stay readable without
// any node rendering again. Quantised to 0.05 and clamped to where nodes draw their text in full:
// a wheel zoom restyles that text a few times, a pan never does.
import { useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { COMPACT_BELOW } from "./node-geometry";

export function ZoomVariable() {
  const flow = useStoreApi();
  useEffect(() => {
    let last = "";
    const apply = () => {
      const { domNode, transform } = flow.getState();
      const zoom = Math.min(1, Math.max(COMPACT_BELOW, transform[2]));
      const value = (Math.round(zoom * 20) / 20).toFixed(2);
      if (!domNode || value === last) return;
      last = value;
      domNode.style.setProperty("--canvas-zoom", value);
    };
    apply();
    return flow.subscribe(apply);
  }, [flow]);
  return null;
}
