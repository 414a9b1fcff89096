// The runner inside `npm start` on the embedded database: the same handler a pg-boss worker
// runs, fed by an in-process queue (PGlite has one owner, so no other process could claim a
// run anyway). At most `concurrency` runs at once.
import { log } from "../log";
import type { Dispatcher } from "../run-queue/dispatch";
import { type ExecuteOptions, executeRun } from "./execute";
import { newWorkerId } from "./identity";

export interface InlineRunner extends Dispatcher {
  workerId: string;
  /** Resolves when nothing is queued here and nothing runs. */
  idle(): Promise<void>;
}

export function inlineRunner(
  options: { concurrency?: number } & Omit<ExecuteOptions, "onReady"> = {},
): InlineRunner {
  const concurrency = options.concurrency ?? 4;
  const workerId = newWorkerId();
  const waiting: string[] = [];
  let active = 0;
  let idlers: (() => void)[] = [];
  const settle = () => {
    if (active > 0 || waiting.length > 0) return;
    for (const resolve of idlers) resolve();
    idlers = [];
  };
  const pump = () => {
    while (active < concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      active += 1;
      executeRun(id, workerId, { ...options, onReady: (ids) => void runner.wake(ids) })
        .catch((error) => log.error({ err: String(error), run: id }, "run failed to execute"))
        .finally(() => {
          active -= 1;
          pump();
          settle();
        });
    }
  };
  const runner: InlineRunner = {
    workerId,
    async wake(ids) {
      for (const id of ids) if (!waiting.includes(id)) waiting.push(id);
      pump();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idlers.push(resolve);
        settle();
      }),
  };
  return runner;
}
