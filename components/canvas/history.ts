// Undo/redo as a pure module with explicit capture (Excalidraw's CaptureUpdateAction, tldraw's
// HistoryManager): every store action says whether its operations are recorded, coalesced
// into the previous entry (same key), or ignored (loads, server echoes, undo itself).
import type { Op } from "@/server/domain/graph/ops";

export type Capture = "record" | "coalesce" | "ignore";

export interface HistoryEntry {
  label: string;
  redo: Op[];
  undo: Op[];
  /** Entries with the same key coalesce (e.g. typing in one field of one component). */
  key?: string;
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
const LIMIT = 200;

/** The history after a change; any new change clears the redo stack. */
export function capture(history: History, entry: HistoryEntry, mode: Capture): History {
  if (mode === "ignore") return history;
  const last = history.past.at(-1);
  if (mode === "coalesce" && last && entry.key !== undefined && last.key === entry.key) {
    // Keep the oldest undo (back to before the first keystroke), take the newest redo.
    const merged = {
      ...last,
      redo: [...last.redo, ...entry.redo],
      undo: [...entry.undo, ...last.undo],
    };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...history.past, entry].slice(-LIMIT), future: [] };
}

/** Pops the newest entry: apply `entry.undo`, then keep `history`. */
export function undo(history: History): { history: History; entry: HistoryEntry } | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  return {
    entry,
    history: { past: history.past.slice(0, -1), future: [entry, ...history.future] },
  };
}

/** Re-applies the newest undone entry: apply `entry.redo`, then keep `history`. */
export function redo(history: History): { history: History; entry: HistoryEntry } | null {
  const entry = history.future[0];
  if (!entry) return null;
  return { entry, history: { past: [...history.past, entry], future: history.future.slice(1) } };
}
