// Starting and stopping one long-lived local process. It runs detached in a process group of
// its own, so stopping it reaches whatever it spawned (npm → node → …), and it outlives the
// worker that started it: its pid is kept in a state file with the process's start time, so
// a later run never signals a stranger that reused the pid.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";

export interface ProcessState {
  pid: number;
  /** Start time of `pid` (clock ticks since boot, /proc/<pid>/stat field 22); null off Linux. */
  startTime: string | null;
  command: string[];
  startedAt: string;
}

/** Fields 3 onwards of /proc/<pid>/stat (state, ppid, …), or null where there is no /proc. */
function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) may hold spaces and parentheses: count from the last ")".
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

const startTimeOf = (pid: number) => statOf(pid)?.[19] ?? null;

/** True when the process of `state` still runs (and is the same one, where that can be told). */
export function isAlive(state: ProcessState): boolean {
  try {
    process.kill(state.pid, 0);
  } catch {
    return false;
  }
  if (!existsSync("/proc/self")) return true; // no /proc: the signal is all we can tell
  const stat = statOf(state.pid);
  // A zombie has exited and only waits to be reaped.
  if (!stat || stat[0] === "Z") return false;
  return state.startTime === null || stat[19] === state.startTime;
}

export function readState(file: string): ProcessState | null {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ProcessState;
  } catch {
    return null;
  }
}

export interface StartOptions {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  stdoutFile: string;
  stderrFile: string;
  stateFile: string;
}

/** What identifies a running process later: its pid and start time, and what it runs. */
export function processState(pid: number, command: string[]): ProcessState {
  return { pid, startTime: startTimeOf(pid), command, startedAt: new Date().toISOString() };
}

/** Starts the command without a shell; resolves once it has spawned, rejects if it could not. */
export async function startProcess(options: StartOptions): Promise<ProcessState> {
  const [file, ...args] = options.command;
  if (!file) throw new Error("empty command");
  const out = openSync(options.stdoutFile, "w");
  const err = openSync(options.stderrFile, "w");
  try {
    const child = spawn(file, args, {
      cwd: options.cwd,
      // Next's types make NODE_ENV required; a started process gets it only if its env sets it.
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", out, err],
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    child.unref();
    const state = processState(child.pid!, options.command);
    writeFileSync(options.stateFile, JSON.stringify(state));
    return state;
  } finally {
    closeSync(out);
    closeSync(err);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/**
 * SIGTERM to the whole group, then SIGKILL if it is still there after `graceMs`. Returns how
 * it ended. The state file is removed either way.
 */
export async function stopProcess(
  state: ProcessState,
  stateFile: string,
  graceMs: number,
): Promise<"not-running" | "terminated" | "killed"> {
  try {
    if (!isAlive(state)) return "not-running";
    signalGroup(state.pid, "SIGTERM");
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      if (!isAlive(state)) return "terminated";
      await sleep(50);
    }
    signalGroup(state.pid, "SIGKILL");
    while (isAlive(state)) await sleep(20);
    return "killed";
  } finally {
    rmSync(stateFile, { force: true });
  }
}
