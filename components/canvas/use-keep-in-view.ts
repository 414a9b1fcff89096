"use client";
// Keeps the selected component on screen: when it is selected (a click, a drop, the palette's
// `+`) and when the canvas changes size (the inspector opening narrows it), a component that
// is off screen — or under the minimap — is panned into view at the current zoom. One that
// is already visible is left where it is, so a click never makes the canvas jump.
import { useReactFlow } from "@xyflow/react";
import { type RefObject, useEffect, useState } from "react";
import { useCanvas } from "./canvas-context";
import { NODE_WIDTH } from "./node-geometry";

/** The minimap's corner (React Flow's default 200 × 150 plus its 15 px margin). */
const MINIMAP = { width: 215, height: 165 };
const MARGIN = 24;

function selectedOnly(s: { nodes: readonly { id: string; selected?: boolean }[] }) {
  let only: string | null = null;
  for (const n of s.nodes) {
    if (!n.selected) continue;
    if (only) return null;
    only = n.id;
  }
  return only;
}

/** The container's size, following it as it changes. */
export function useContainerSize(container: RefObject<HTMLElement | null>) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [container]);
  return size;
}

export function useKeepSelectionInView(
  size: { width: number; height: number } | null,
  minimapShown: boolean,
) {
  const flow = useReactFlow();
  const selected = useCanvas(selectedOnly);
  useEffect(() => {
    if (!selected || !size) return;
    // After the frame that laid the new size out: React Flow has measured the narrower pane.
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(selected);
      if (!node) return;
      const { x, y, zoom } = flow.getViewport();
      const w = (node.measured.width ?? NODE_WIDTH) * zoom;
      const h = (node.measured.height ?? 120) * zoom;
      const left = node.internals.positionAbsolute.x * zoom + x;
      const top = node.internals.positionAbsolute.y * zoom + y;
      const right = size.width - MARGIN - (minimapShown ? MINIMAP.width : 0);
      const bottom = size.height - MARGIN;
      const fits = left >= MARGIN && top >= MARGIN && left + w <= right && top + h <= bottom;
      // Under the minimap counts as hidden: it would swallow the click.
      const underMinimap =
        minimapShown &&
        left + w > size.width - MINIMAP.width &&
        top + h > size.height - MINIMAP.height;
      if (fits && !underMinimap) return;
      const cx = node.internals.positionAbsolute.x + w / zoom / 2;
      const cy = node.internals.positionAbsolute.y + h / zoom / 2;
      // Centred in the part of the canvas the minimap leaves free.
      const shift = minimapShown ? MINIMAP.width / 2 / zoom : 0;
      void flow.setCenter(cx + shift, cy, { zoom, duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [selected, size, minimapShown, flow]);
}
