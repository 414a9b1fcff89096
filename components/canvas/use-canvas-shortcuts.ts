"use client";
// The canvas's keyboard shortcuts (listed in the help overlay). Keys typed into a field are
// the field's: undo there is the browser's own.
import { useEffect, useRef } from "react";
import { useCanvasStore } from "./canvas-context";
import { duplicateSelection } from "./edit-actions";

interface Handlers {
  onDelete: () => void;
  onLayout: () => void;
  onFit: () => void;
  onHelp: () => void;
}

export function useCanvasShortcuts(handlers: Handlers) {
  const store = useCanvasStore();
  // The latest handlers, without re-adding the listener on every render.
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
      const mod = e.ctrlKey || e.metaKey;
      const s = store.getState();
      const h = latest.current;
      if (mod && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) s.redo();
        else s.undo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        s.redo();
      } else if (mod && e.key.toLowerCase() === "d") {
        e.preventDefault();
        const ops = duplicateSelection(s);
        if (ops.length > 0)
          s.dispatch(ops, {
            capture: "record",
            label: `duplicate ${ops.length} component${ops.length === 1 ? "" : "s"}`,
          });
      } else if ((e.key === "Delete" || e.key === "Backspace") && !s.readOnly) {
        e.preventDefault();
        h.onDelete();
      } else if (e.key === "L" && e.shiftKey && !mod) {
        h.onLayout();
      } else if (e.key === "f" && !mod) {
        h.onFit();
      } else if (e.key === "?") {
        h.onHelp();
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [store]);
}
