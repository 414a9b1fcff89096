// What a canvas store is wired to outside itself: saving and re-reading through tRPC (./sync.ts),
// and where server-reported statuses and gestures come from.
import type { StatusRow } from "./store-inputs";
import type { SyncDeps } from "./sync";

export interface CanvasDeps
  extends Pick<SyncDeps, "send" | "fetchLatest" | "confirmed" | "online"> {
  /** Records an instance status the server reported (in React Query, which copies it back in). */
  setStatus?: (row: StatusRow) => void;
  /** The continuous gesture an edit belongs to (typing in one field within one focus). */
  gesture?: () => string | undefined;
}
