"use client";
import { Panel } from "@xyflow/react";
import { Keyboard, LayoutDashboard, Maximize, Redo2, Undo2 } from "lucide-react";
import { type ReactNode, useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { useCanvas } from "./canvas-context";
import type { SyncView } from "./sync";

const changes = (n: number) => `${n} change${n === 1 ? "" : "s"}`;

/** What the save indicator says; it ticks once a second while a retry is counting down. */
function useSaveState(
  sync: SyncView,
  unsaved: number,
): { text: string; problem: boolean; retry: boolean } {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (sync.retryAt === null) return;
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [sync.retryAt]);
  if (sync.phase === "paused")
    return { text: `Not saved: ${sync.problem ?? "stopped"}`, problem: true, retry: true };
  if (sync.phase === "offline")
    return { text: `Offline — ${changes(sync.waiting)} waiting`, problem: true, retry: true };
  if (sync.phase === "retrying") {
    const seconds = Math.max(1, Math.ceil(((sync.retryAt ?? now) - now) / 1000));
    return { text: `Retrying in ${seconds}s…`, problem: true, retry: true };
  }
  if (sync.waiting > 0) return { text: "Saving…", problem: false, retry: false };
  if (sync.conflicts.length > 0)
    return { text: `${changes(sync.conflicts.length)} to decide`, problem: true, retry: false };
  // A field still holds a value that was refused: what is saved is not what is shown.
  if (unsaved > 0)
    return {
      text: `${unsaved === 1 ? "A value" : `${unsaved} forms' values`} not saved: see the inspector`,
      problem: true,
      retry: false,
    };
  return { text: "All changes saved", problem: false, retry: false };
}

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
      retry: s.retrySaving,
      readOnly: s.readOnly,
      sync: s.sync,
      unsaved: s.unsaved.size,
    })),
  );
  const save = useSaveState(s.sync, s.unsaved);
  return (
    // Kept clear of the deploy actions in the top-right corner (about 20rem wide): on a narrow
    // canvas (the inspector open at 1280 px) the save state wraps under the buttons instead of
    // running beneath them.
    <Panel
      position="top-left"
      className="flex max-w-[calc(100%-21rem)] flex-wrap items-center gap-1 rounded-lg bg-white p-1 shadow-sm ring-1 ring-slate-200"
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
        <>
          <span
            className={`px-2 text-xs ${save.problem ? "text-red-700" : "text-slate-500"}`}
            data-testid="save-state"
            aria-live="polite"
            title={s.sync.problem ?? undefined}
          >
            {save.text}
          </span>
          {save.retry ? (
            <button
              type="button"
              onClick={s.retry}
              className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:bg-slate-100"
            >
              Retry now
            </button>
          ) : null}
        </>
      )}
    </Panel>
  );
}
