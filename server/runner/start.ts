// Starting the runner in a process. On the embedded database the process that owns PGlite
// runs every run itself (an in-process queue) and, at start, fails any run a previous life of
// it left running. On PostgreSQL the queue is pg-boss: this process queues runs there and,
// unless told to run none, works them too; other processes (`npm run worker`) share the work.
import type { Database } from "../db";
import { log } from "../log";
import type { ProvisionerFor } from "../provisioners";
import { setDispatcher } from "../run-queue/dispatch";
import { startPreviewTimer } from "../previews/expire";
import { startDriftTimer } from "./drift-schedule";
import { newWorkerId } from "./identity";
import { inlineRunner } from "./inline";
import { queueDispatcher, startQueue, workQueue } from "./queue";
import { startSweeping } from "./sweep";

export interface RunnerOptions {
  /** Runs at once in this process (0: queue only; PostgreSQL). */
  workers: number;
  /** The PostgreSQL URL (unset: the embedded database). */
  databaseUrl?: string | undefined;
  provisioners?: ProvisionerFor;
  pollingIntervalSeconds?: number;
}

/** Starts the runner; the returned function stops it (waits for nothing running to finish). */
export async function startRunner(
  database: Database,
  options: RunnerOptions,
): Promise<{ workerId: string; stop: () => Promise<void> }> {
  const extra = options.provisioners ? { provisioners: options.provisioners } : {};
  if (database.mode === "embedded" || !options.databaseUrl) {
    const runner = inlineRunner({ concurrency: Math.max(1, options.workers), ...extra });
    setDispatcher(runner);
    const stopSweeping = await startSweeping(runner, { all: true });
    const stopDriftTimer = startDriftTimer();
    const stopPreviewTimer = startPreviewTimer();
    log.info({ workerId: runner.workerId }, "runner started in this process");
    return {
      workerId: runner.workerId,
      stop: async () => {
        stopDriftTimer();
        stopPreviewTimer();
        stopSweeping();
        setDispatcher(undefined);
      },
    };
  }
  const boss = await startQueue(options.databaseUrl);
  const dispatcher = queueDispatcher(boss);
  setDispatcher(dispatcher);
  const workerId = newWorkerId();
  let stopSweeping = () => {};
  let stopListening = async () => {};
  if (options.workers > 0) {
    stopListening = await workQueue(boss, workerId, {
      connectionString: options.databaseUrl,
      concurrency: options.workers,
      ...extra,
      ...(options.pollingIntervalSeconds
        ? { pollingIntervalSeconds: options.pollingIntervalSeconds }
        : {}),
    });
    stopSweeping = await startSweeping(dispatcher);
    log.info({ workerId, concurrency: options.workers }, "runner working the job queue");
  }
  return {
    workerId,
    stop: async () => {
      stopSweeping();
      setDispatcher(undefined);
      await stopListening();
      await boss.stop({ graceful: false, wait: true }).catch(() => {});
    },
  };
}
