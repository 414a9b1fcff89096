// Undo/redo as a pure module with explicit capture (Excalidraw's CaptureUpdateAction, tldraw's
// HistoryManager): every store action says whether its operations are recorded, coalesced
// into the previous entry, or ignored (loads, server echoes, other people's edits, undo
// itself). Each entry keeps the diagram before and after it, so undo can be merged onto
// whatever the diagram has become since (server/domain/graph/rebase.ts): undoing my edit
// puts back my fields only, never someone else's.
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";

export type Capture = "record" | "coalesce" | "ignore";

export interface HistoryEntry {
  label: string;
  redo: Op[];
  undo: Op[];
  /** The diagram the redo ops were made against, and what they made of it. */
  before: Diagram;
  after: Diagram;
  /** What is being edited (one field of one component); coalescing needs the same key… */
  key?: string;
  /**
   * …and the same continuous gesture (typing in one field within one focus). Without one,
   * an edit is its own entry: two edits seconds apart in separate focuses are two undos.
   */
  gesture?: string;
}

export interface History {
  past: readonly HistoryEntry[];
  future: readonly HistoryEntry[];
}

export const EMPTY_HISTORY: History = { past: [], future: [] };
const LIMIT = 200;

function continues(last: HistoryEntry | undefined, entry: HistoryEntry): last is HistoryEntry {
  return (
    last !== undefined &&
    entry.key !== undefined &&
    entry.gesture !== undefined &&
    last.key === entry.key &&
    last.gesture === entry.gesture
  );
}

/** The history after a change; any new change clears the redo stack. */
export function capture(history: History, entry: HistoryEntry, mode: Capture): History {
  if (mode === "ignore") return history;
  const last = history.past.at(-1);
  // After an undo the gesture is over: typing on starts a new entry.
  if (mode === "coalesce" && history.future.length === 0 && continues(last, entry)) {
    // Keep the oldest undo (back to before the first keystroke), take the newest redo.
    const merged: HistoryEntry = {
      ...last,
      redo: [...last.redo, ...entry.redo],
      undo: [...entry.undo, ...last.undo],
      after: entry.after,
    };
    return { past: [...history.past.slice(0, -1), merged], future: [] };
  }
  return { past: [...history.past, entry].slice(-LIMIT), future: [] };
}

/** Pops the newest entry: merge `entry.undo` onto the diagram, then keep `history`. */
export function undo(history: History): { history: History; entry: HistoryEntry } | null {
  const entry = history.past.at(-1);
  if (!entry) return null;
  return {
    entry,
    history: { past: history.past.slice(0, -1), future: [entry, ...history.future] },
  };
}

/** Re-applies the newest undone entry: merge `entry.redo`, then keep `history`. */
export function redo(history: History): { history: History; entry: HistoryEntry } | null {
  const entry = history.future[0];
  if (!entry) return null;
  return { entry, history: { past: [...history.past, entry], future: history.future.slice(1) } };
}

/**
 * The history with every entry's diagrams and ops filled in (the canvas now holds more
 * environments: ./held-environments.ts), so undo merges against like.
 */
export function widenHistory(
  history: History,
  widen: { diagram: (d: Diagram) => Diagram; ops: (ops: Op[]) => Op[] },
): History {
  const entry = (e: HistoryEntry): HistoryEntry => ({
    ...e,
    before: widen.diagram(e.before),
    after: widen.diagram(e.after),
    undo: widen.ops(e.undo),
    redo: widen.ops(e.redo),
  });
  return { past: history.past.map(entry), future: history.future.map(entry) };
}
