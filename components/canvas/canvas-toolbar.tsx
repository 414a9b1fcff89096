"use client";
import { Panel } from "@xyflow/react";
import { Keyboard, LayoutDashboard, Maximize, Redo2, Undo2 } from "lucide-react";
import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanvas } from "./canvas-context";

function ToolButton({
  label,
  onClick,
  disabled,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className="rounded p-1.5 text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-30"
    >
      {children}
    </button>
  );
}

/** Undo/redo, auto-layout, fit view, shortcuts, and whether everything is saved. */
export function CanvasToolbar({
  onLayout,
  onFit,
  onHelp,
}: {
  onLayout: () => void;
  onFit: () => void;
  onHelp: () => void;
}) {
  const s = useCanvas(
    useShallow((s) => ({
      canUndo: s.history.past.length > 0,
      canRedo: s.history.future.length > 0,
      undo: s.undo,
      redo: s.redo,
      readOnly: s.readOnly,
      pending: s.pending,
      stale: s.stale,
    })),
  );
  const saveState = s.stale ? "Not saved" : s.pending > 0 ? "Saving…" : "All changes saved";
  return (
    <Panel
      position="top-left"
      className="flex items-center gap-1 rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200"
    >
      {s.readOnly ? (
        <span className="px-2 text-xs text-slate-600">
          Read-only: your role can view this diagram but not change it
        </span>
      ) : (
        <>
          <ToolButton label="Undo" onClick={s.undo} disabled={!s.canUndo}>
            <Undo2 className="h-4 w-4" />
          </ToolButton>
          <ToolButton label="Redo" onClick={s.redo} disabled={!s.canRedo}>
            <Redo2 className="h-4 w-4" />
          </ToolButton>
          <ToolButton label="Auto-layout" onClick={onLayout}>
            <LayoutDashboard className="h-4 w-4" />
          </ToolButton>
        </>
      )}
      <ToolButton label="Fit view" onClick={onFit}>
        <Maximize className="h-4 w-4" />
      </ToolButton>
      <ToolButton label="Keyboard shortcuts" onClick={onHelp}>
        <Keyboard className="h-4 w-4" />
      </ToolButton>
      {s.readOnly ? null : (
        <span
          className={`px-2 text-xs ${s.stale ? "text-red-700" : "text-slate-500"}`}
          data-testid="save-state"
          aria-live="polite"
        >
          {saveState}
        </span>
      )}
    </Panel>
  );
}
