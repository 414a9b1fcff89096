// The shapes the canvas's sync (./sync.ts) takes and gives: snapshots of the saved diagram,
// the view the toolbar shows, conflicts set aside, and what it is wired to.
import type { ApplyContext, Op } from "@/server/domain/graph/ops";
import type { Diagram } from "@/server/domain/graph/types";
import type { Held } from "./held-environments";
import type { RefusedField } from "./sync-failure";

export interface Snapshot {
  revision: number;
  diagram: Diagram;
  /** The environments whose instances `diagram` holds; absent: every one (./held-environments). */
  environments?: readonly string[];
}

export interface SyncConflict {
  id: string;
  /** The edit it came from (`edit api in staging`). */
  label: string;
  fields: string[];
  message: string;
  ops: Op[];
  base: Diagram;
}

export interface SyncView {
  revision: number;
  /** Edits not saved yet (queued or in flight); conflicts are counted apart. */
  waiting: number;
  phase: "idle" | "saving" | "retrying" | "offline" | "paused";
  /** When the next attempt starts (epoch ms), while retrying. */
  retryAt: number | null;
  conflicts: readonly SyncConflict[];
  /** Why saving is retrying or paused. */
  problem: string | null;
  /** The environments whose instances the local diagram holds; null: every one. */
  held: readonly string[] | null;
}

export interface SyncDeps {
  send: (baseRevision: number, ops: Op[]) => Promise<{ revision: number }>;
  /** The saved diagram holding `environments`' instances (undefined: every environment's). */
  fetchLatest: (environments: Held) => Promise<Snapshot>;
  /** The rules edits are replayed with (the same the store applies). */
  context: () => ApplyContext;
  /** The local diagram is now `diagram` (merged onto someone else's, or a refused edit out). */
  replaceLocal: (diagram: Diagram) => void;
  publish: (view: SyncView) => void;
  /** The server's diagram moved to `snapshot` by my own save. */
  confirmed?: (snapshot: Snapshot) => void;
  /** An edit the server refused; `op` is the refused one when the server named it. */
  refused?: (label: string, message: string, op?: { op: Op } & RefusedField) => void;
  online?: () => boolean;
  /** Typing saves once it pauses this long (ms); structural edits go at once. */
  typingDelay?: number;
  /**
   * Now holding more environments: `widen` fills in a diagram or ops kept from before (the
   * store's undo history); the queue and conflicts are filled in here.
   */
  widened?: (widen: { diagram: (d: Diagram) => Diagram; ops: (ops: Op[]) => Op[] }) => void;
}
