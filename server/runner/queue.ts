// The job queue on PostgreSQL (pg-boss): a job only says "run this deployment"; the worker
// that takes it claims the run in our table, so a duplicate job or a job for a run already
// aborted does nothing. Jobs are not retried by pg-boss: a run that fails is failed, and a lost
// worker's run is failed by recovery (retrying an apply behind the user's back is not ours).
import pg from "pg";
import PgBoss from "pg-boss";
import { log } from "../log";
import type { Dispatcher } from "../run-queue/dispatch";
import { previewTick } from "../previews/expire";
import { driftTick } from "./drift-schedule";
import { type ExecuteOptions, executeRun } from "./execute";

const RUN_QUEUE = "patchbay-runs";
/** The drift schedule's tick: a pg-boss cron job every minute, taken by one worker. */
const DRIFT_TICK_QUEUE = "patchbay-drift-tick";
/** NOTIFY'd after jobs are sent, so idle workers fetch now rather than at their next poll. */
const WAKE_CHANNEL = "patchbay_runs";

interface RunJob {
  deploymentId: string;
}

export async function startQueue(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    // Runs keep their truth in our table; the queue keeps little.
    deleteAfterDays: 1,
    supervise: true,
  });
  boss.on("error", (error) => log.warn({ err: String(error) }, "job queue error"));
  await boss.start();
  await boss.createQueue(RUN_QUEUE, {
    name: RUN_QUEUE,
    retryLimit: 0,
    // A long apply must not expire under its worker; recovery judges lost workers instead.
    expireInSeconds: 6 * 60 * 60,
  });
  await boss.createQueue(DRIFT_TICK_QUEUE, { name: DRIFT_TICK_QUEUE, retryLimit: 0 });
  await boss.schedule(DRIFT_TICK_QUEUE, "* * * * *", {}, { tz: "UTC" });
  return boss;
}

/**
 * Works the minute's tick in this process (one worker takes each): the drift schedule, then the
 * expiry of preview environments.
 */
async function workDriftTicks(boss: PgBoss): Promise<void> {
  await boss.work(DRIFT_TICK_QUEUE, { batchSize: 1 }, async () => {
    await driftTick();
    await previewTick();
  });
}

export function queueDispatcher(boss: PgBoss): Dispatcher {
  return {
    wake: async (ids) => {
      if (ids.length === 0) return;
      await boss.insert(ids.map((id) => ({ name: RUN_QUEUE, data: { deploymentId: id } })));
      await boss.getDb().executeSql("SELECT pg_notify($1, '')", [WAKE_CHANNEL]);
    },
  };
}

/**
 * Calls `onWake` at each wake-up NOTIFY, on a connection of its own. A lost connection is
 * opened again a second later; meanwhile the workers still poll. Returns the stop function.
 */
function listenForWakes(connectionString: string, onWake: () => void): () => Promise<void> {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString });
    client = c;
    let lost = false;
    const lose = (error?: unknown) => {
      if (lost) return;
      lost = true;
      if (error && !stopped) log.warn({ err: String(error) }, "run wake-up listener lost");
      c.end().catch(() => {});
      if (!stopped) retry = setTimeout(connect, 1000).unref();
    };
    c.on("notification", onWake);
    c.on("error", lose);
    c.on("end", () => lose());
    c.connect()
      .then(() => c.query(`LISTEN ${WAKE_CHANNEL}`))
      .catch(lose);
  };
  connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/**
 * Takes run jobs: `concurrency` runs at once in this process. pg-boss waits a polling interval
 * after every fetch, even one that found a job: left so, each loop would take at most one job
 * per interval and a burst of wake-ups (a batch, a sweep, duplicates) would queue up behind
 * it. A loop that found a job therefore fetches again at once; only an empty one waits. A
 * wake-up NOTIFY (any process that sends run jobs) wakes the idle loops at once too. Returns
 * the function that stops listening.
 */
export async function workQueue(
  boss: PgBoss,
  workerId: string,
  options: {
    connectionString: string;
    concurrency?: number;
    pollingIntervalSeconds?: number;
  } & Omit<ExecuteOptions, "onReady">,
): Promise<() => Promise<void>> {
  const dispatcher = queueDispatcher(boss);
  const loops: string[] = [];
  const wakeLoops = () => {
    for (const loop of loops) boss.notifyWorker(loop);
  };
  const onReady = (ids: string[]) => {
    if (ids.length === 0) return;
    dispatcher
      .wake(ids)
      .catch((error) => log.warn({ err: String(error) }, "could not wake the next runs"));
  };
  const concurrency = options.concurrency ?? 4;
  for (let i = 0; i < concurrency; i += 1) {
    let loop = "";
    loop = await boss.work<RunJob>(
      RUN_QUEUE,
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 0.5 },
      async (jobs) => {
        try {
          for (const job of jobs)
            await executeRun(job.data.deploymentId, workerId, { ...options, onReady });
        } finally {
          // Found work: look for more now rather than after the polling interval.
          if (loop) boss.notifyWorker(loop);
        }
      },
    );
    loops.push(loop);
  }
  await workDriftTicks(boss);
  return listenForWakes(options.connectionString, wakeLoops);
}
