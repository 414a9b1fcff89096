"use client";
// The opening view frames the diagram as fitView would, computed from the fixed node geometry
// once the container's size is known, so React Flow's first render is the final one. An
// empty diagram opens at 100%: fitting would zoom to the first component dropped.
import { type RefObject, useLayoutEffect, useState } from "react";
import { useCanvasStore } from "./canvas-context";
import { initialViewport } from "./node-geometry";

type Opening = { viewport?: { x: number; y: number; zoom: number } };

/** Null until the container is measured; then the viewport React Flow should open at. */
export function useOpeningViewport(container: RefObject<HTMLElement | null>): Opening | null {
  const store = useCanvasStore();
  const [opening, setOpening] = useState<Opening | null>(null);
  useLayoutEffect(() => {
    if (opening || !container.current) return;
    const { width, height } = container.current.getBoundingClientRect();
    const s = store.getState();
    const components = s.diagram.components.map((c) => {
      const slots = s.index.slots.get(c.id);
      return { x: c.x, y: c.y, slots: (slots?.inputs.size ?? 0) + (slots?.outputs.size ?? 0) };
    });
    setOpening({ viewport: initialViewport(components, width, height) });
  }, [opening, store, container]);
  return opening;
}
