// Runs whose worker is gone are failed with the reason, never left `running`: their instance
// is free again (the partial unique index only holds active runs) and a batch moves on. A
// worker is gone when its process on this machine no longer exists, when its heartbeat is
// older than `staleAfterMs`, or — on the embedded database, which one process owns — always.
import { runningRuns } from "../repositories/runs";
import { endRun } from "./actor";
import { continueBatch } from "./batch";
import { mayBeAlive } from "./identity";
import { releaseRunLocks } from "../state/release";

export interface RecoverOptions {
  staleAfterMs?: number;
  /** Every running run is lost (the embedded database at start-up). */
  all?: boolean;
}

/** Fails lost runs; returns the batch runs that may start now because of it. */
export async function recoverLostRuns(options: RecoverOptions = {}): Promise<string[]> {
  const staleAfter = options.staleAfterMs ?? 15_000;
  const now = Date.now();
  const ready: string[] = [];
  for (const run of await runningRuns()) {
    const worker = run.workerId ?? "unknown";
    const last = run.heartbeatAt?.getTime() ?? 0;
    let why: string | null = null;
    if (options.all) why = "the server restarted";
    else if (!mayBeAlive(worker)) why = `its process is gone`;
    else if (now - last > staleAfter) why = `no heartbeat for ${Math.round((now - last) / 1000)} s`;
    if (!why) continue;
    const reason = `worker ${worker} was lost mid-run (${why}); the run did not finish`;
    const ended = await endRun(run.id, "running", "failed", reason);
    // Its Terraform process died with it: the state locks it held would block every later run.
    if (ended) await releaseRunLocks(run.id, reason);
    if (ended?.batchId) ready.push(...(await continueBatch(ended.batchId)));
  }
  return ready;
}
