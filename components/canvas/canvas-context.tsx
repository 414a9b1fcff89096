"use client";
// The per-canvas store lives in React context (STYLE.md #4: created in a provider, not a
// module singleton), so two canvases on one page never share state.
import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import type { ConnectionState } from "./connection-channel";
import type { CanvasState, CanvasStore } from "./store";

const CanvasContext = createContext<CanvasStore | null>(null);

export function CanvasProvider({ store, children }: { store: CanvasStore; children: ReactNode }) {
  return <CanvasContext.Provider value={store}>{children}</CanvasContext.Provider>;
}

export function useCanvasStore(): CanvasStore {
  const store = useContext(CanvasContext);
  if (!store) throw new Error("useCanvas must be used inside <CanvasProvider>");
  return store;
}

/** Select from the canvas store; pass a `useShallow`-wrapped selector for objects. */
export function useCanvas<T>(selector: (state: CanvasState) => T): T {
  return useStore(useCanvasStore(), selector);
}

/** Select from the connection channel: drag state that changes every frame while dragging. */
export function useConnectionChannel<T>(selector: (state: ConnectionState) => T): T {
  return useStore(useCanvasStore().getState().channel, selector);
}
