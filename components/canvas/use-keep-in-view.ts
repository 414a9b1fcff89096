"use client";
// Keeps the selected component on screen: when the canvas changes size (the inspector opening
// narrows it) or the minimap unfolds, and when the palette's `+` asks for the component it
// added, a component whose middle is off screen — or under the minimap — is panned into view
// at the current zoom. A click or a drop selects what is already in view: nothing moves then,
// and one that is visible enough to click is left where it is.
import { useReactFlow } from "@xyflow/react";
import { type RefObject, useEffect, useRef, useState } from "react";
import { useCanvas, useConnectionChannel } from "./canvas-context";
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
  const reveal = useConnectionChannel((s) => s.reveal);
  // Only a new size (or minimap) or a request moves the view, never the selection by itself.
  const latest = useRef(selected);
  latest.current = selected;
  useEffect(() => {
    const target = latest.current ?? reveal?.id;
    if (!target || !size) return;
    // After the frame that laid the new size out: React Flow has measured the narrower pane.
    const frame = requestAnimationFrame(() => {
      const node = flow.getInternalNode(target);
      if (!node) return;
      const { x, y, zoom } = flow.getViewport();
      const w = (node.measured.width ?? NODE_WIDTH) * zoom;
      const h = (node.measured.height ?? 120) * zoom;
      const left = node.internals.positionAbsolute.x * zoom + x;
      const top = node.internals.positionAbsolute.y * zoom + y;
      const right = size.width - MARGIN;
      const bottom = size.height - MARGIN;
      // Its middle decides: there a click selects it, and the minimap would swallow it.
      const mx = left + w / 2;
      const my = top + h / 2;
      const fits = mx >= MARGIN && my >= MARGIN && mx <= right && my <= bottom;
      const underMinimap =
        minimapShown && mx > size.width - MINIMAP.width && my > size.height - MINIMAP.height;
      if (fits && !underMinimap) return;
      const cx = node.internals.positionAbsolute.x + w / zoom / 2;
      const cy = node.internals.positionAbsolute.y + h / zoom / 2;
      // Centred in the part of the canvas the minimap leaves free.
      const shift = minimapShown ? MINIMAP.width / 2 / zoom : 0;
      void flow.setCenter(cx + shift, cy, { zoom, duration: 200 });
    });
    return () => cancelAnimationFrame(frame);
  }, [reveal, size, minimapShown, flow]);
}
