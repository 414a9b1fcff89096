// What every runner does now and then: fail the runs of lost workers, and wake queued runs
// again whose wake-up went missing (the process that queued them died before the job was sent,
// or a batch's next run became ready in a worker that died). Waking twice is harmless: only
// one claim of a run succeeds; but a batch's runs that still wait for their producers are not
// woken (their claim would fail): every runner sweeping them every 5 s would fill the queue
// with jobs that do nothing, ahead of the wake-ups that matter.
import { log } from "../log";
import { queuedRunIds } from "../repositories/runs";
import type { Dispatcher } from "../run-queue/dispatch";
import { continueBatch } from "./batch";
import { type RecoverOptions, recoverLostRuns } from "./recover";

const SWEEP_MS = 5_000;

async function sweep(dispatcher: Dispatcher, options: RecoverOptions = {}): Promise<void> {
  const ready = await recoverLostRuns(options);
  const stale = await queuedRunIds(new Date(Date.now() - SWEEP_MS));
  for (const batchId of new Set(stale.flatMap((r) => (r.batchId ? [r.batchId] : []))))
    ready.push(...(await continueBatch(batchId)));
  const alone = stale.filter((r) => !r.batchId).map((r) => r.id);
  await dispatcher.wake([...new Set([...ready, ...alone])]);
}

/** Sweeps at once (on the embedded database: every running run is lost), then every 5 s. */
export async function startSweeping(
  dispatcher: Dispatcher,
  first: RecoverOptions = {},
): Promise<() => void> {
  await sweep(dispatcher, first);
  const timer = setInterval(() => {
    sweep(dispatcher).catch((error) => log.warn({ err: String(error) }, "sweep failed"));
  }, SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
