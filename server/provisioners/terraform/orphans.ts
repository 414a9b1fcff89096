// A worker killed mid-run leaves its Terraform process group running: it is detached so that a
// cancel reaches local-exec children, so it outlives its parent. While a command runs, its pid
// (and start time, so a reused pid is never signalled) is kept in a file named after the run;
// when recovery on this machine finds the run lost, it stops that group before it releases the
// run's state locks.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../../env";
import { processState, readState, stopProcess } from "../local/process-control";

const RUN_ID = /^[A-Za-z0-9_-]+$/;

function fileOf(deploymentId: string): string | null {
  if (!RUN_ID.test(deploymentId)) return null;
  return path.resolve(env().PATCHBAY_DATA_DIR, "terraform-runs", `${deploymentId}.json`);
}

export function recordCommand(deploymentId: string, pid: number, command: string[]): void {
  const file = fileOf(deploymentId);
  if (!file) return;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(processState(pid, command)), { mode: 0o600 });
}

export function forgetCommand(deploymentId: string): void {
  const file = fileOf(deploymentId);
  if (file) rmSync(file, { force: true });
}

/** Stops the Terraform process group a lost run left on this machine; how it ended, or null. */
export async function stopOrphanedCommand(deploymentId: string): Promise<string | null> {
  const file = fileOf(deploymentId);
  const state = file ? readState(file) : null;
  if (!file || !state) return null;
  return stopProcess(state, file, 2_000);
}
