// Worker processes for the runner's process-level tests and the deploy bench: a real
// `npm run worker` (scripts/worker.ts) or the test-only noop worker (test/noop-worker.ts),
// started as scripts/test.ts starts the app (node with tsx and the server runtime), in a
// process group of its own so a kill reaches all of it.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const SERVER_RUNTIME = path.join(ROOT, "scripts/server-runtime.mjs");

export const WORKER_SCRIPT = path.join(ROOT, "scripts/worker.ts");
export const NOOP_WORKER_SCRIPT = path.join(ROOT, "test/noop-worker.ts");

export interface WorkerProcess {
  pid: number;
  child: ChildProcess;
  /** What it printed (stdout and stderr), for a failure message. */
  output(): string;
  /** Signals its whole process group; resolves when it has exited. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

const started = new Set<WorkerProcess>();

/** Starts a worker; resolves once it says it is taking runs (rejects if it exits first). */
export async function startWorker(
  script: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "--import", SERVER_RUNTIME, script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const worker: WorkerProcess = {
    pid: child.pid!,
    child,
    output: () => text,
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      }
      await exited;
      started.delete(worker);
    },
  };
  started.add(worker);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`worker not ready after ${timeoutMs} ms:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("is taking runs")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${text}`));
    });
  });
  return worker;
}

/** Kills every worker this process started and that is still running. */
export async function killWorkers(): Promise<void> {
  await Promise.all([...started].map((w) => w.kill("SIGKILL")));
}
