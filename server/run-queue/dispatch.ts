// Waking whoever runs runs. The table is the truth (a queued row is a run to do); a dispatcher
// only tells a worker to look: pg-boss on PostgreSQL, an in-process queue on the embedded
// database. Kept on globalThis because Next's bundle and the start script load separate copies
// of this module; with none registered (a test, a CLI), rows stay queued until a worker sweeps.
export interface Dispatcher {
  wake(ids: readonly string[]): Promise<void>;
}

const holder = globalThis as typeof globalThis & { __patchbayDispatcher?: Dispatcher };

export function setDispatcher(dispatcher: Dispatcher | undefined): void {
  holder.__patchbayDispatcher = dispatcher;
}

/** Wakes a worker for each run; never fails the request that queued them. */
export async function wakeRuns(ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await holder.__patchbayDispatcher?.wake(ids).catch(() => {});
}
