// Following runs to their end: each run's log lines as they are written (the deployment.logs
// subscription, which ends once its run has finished and every line was sent), then its final
// status. Shared by `env deploy|destroy --follow`, `deploy logs -f` and the preview command.
import type { Client } from "./client";
import { colors, status } from "./output";

export interface RunToFollow {
  id: string;
  /** the component's name, prefixed to its lines (null: a run of no component) */
  component: string | null;
}

export interface LogLine {
  seq: number;
  at: Date;
  stream: "stdout" | "stderr" | "system";
  text: string;
}

export interface FollowedRun extends RunToFollow {
  status: string;
  reason: string | null;
}

export interface FollowResult {
  runs: FollowedRun[];
  /** every run ended succeeded (or planned, for a plan) */
  succeeded: boolean;
}

export interface FollowOptions {
  /** each line as it arrives; default: none printed */
  onLine?: (run: RunToFollow, line: LogLine) => void;
  /** each run as it ends */
  onEnd?: (run: FollowedRun) => void;
  /** stop following (the runs go on on the server) */
  signal?: AbortSignal;
}

const SUCCESS = new Set(["succeeded", "planned"]);

function followOne(
  client: Client,
  where: { projectId: string; environmentId: string },
  run: RunToFollow,
  options: FollowOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscription = client.deployment.logs.subscribe(
      { ...where, deploymentId: run.id },
      {
        onData: (event) => options.onLine?.(run, event.data),
        onError: (error) => {
          subscription.unsubscribe();
          reject(error);
        },
        onComplete: () => resolve(),
        onStopped: () => resolve(),
      },
    );
    options.signal?.addEventListener("abort", () => {
      subscription.unsubscribe();
      resolve();
    });
  });
}

/**
 * Follows `runs` of one environment until every one has ended, and says whether all succeeded.
 * Lines go to `options.onLine` (see `printLine`); statuses are read once each run's log ends.
 */
export async function followRuns(
  client: Client,
  where: { projectId: string; environmentId: string },
  runs: RunToFollow[],
  options: FollowOptions = {},
): Promise<FollowResult> {
  const ended = await Promise.all(
    runs.map(async (run) => {
      await followOne(client, where, run, options);
      const final = await client.deployment.get.query({ ...where, deploymentId: run.id });
      const result: FollowedRun = { ...run, status: final.status, reason: final.reason };
      options.onEnd?.(result);
      return result;
    }),
  );
  return { runs: ended, succeeded: ended.every((r) => SUCCESS.has(r.status)) };
}

/** A log line as people read it: `component | text` (stderr lines in red, system dimmed). */
export function formatLine(run: RunToFollow, line: LogLine): string {
  const prefix = colors.cyan(`${run.component ?? run.id} |`);
  const text =
    line.stream === "stderr"
      ? colors.red(line.text)
      : line.stream === "system"
        ? colors.dim(line.text)
        : line.text;
  return `${prefix} ${text}`;
}

/** A run's end as people read it. */
export function formatEnd(run: FollowedRun): string {
  const why = run.reason ? `: ${run.reason}` : "";
  return `${colors.bold(run.component ?? run.id)} ${status(run.status)}${why}`;
}
