// Running one Terraform command: without a shell, in a process group of its own (a cancel
// reaches local-exec children too), its `-json` events turned into log lines as they come.
// A cancel interrupts the group (Terraform stops, saves its state and unlocks), then kills
// it after the grace period.
import { spawn } from "node:child_process";
import { lineSplitter } from "../log-lines";
import type { LogLine, LogSink } from "../types";
import { maskText } from "./mask";
import { readJsonLine } from "./json-log";
import { forgetCommand, recordCommand } from "./orphans";

export interface CommandOptions {
  bin: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  secrets: string[];
  onLog: LogSink;
  signal?: AbortSignal;
  graceMs: number;
  /** Keep stdout as data (show, output) instead of logging it. */
  capture?: boolean;
  /** The run it belongs to: its pid is recorded while it runs (see orphans.ts). */
  runId: string;
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  /** Error diagnostics and stderr lines: why it failed. */
  errors: string[];
  /** Set when the group had to be killed after the grace period. */
  killed: boolean;
}

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has already exited
  }
}

export function runCommand(options: CommandOptions): Promise<CommandResult> {
  const { bin, args, secrets, onLog } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: options.cwd,
      env: options.env as NodeJS.ProcessEnv,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid) recordCommand(options.runId, child.pid, [bin, ...args]);
    const errors: string[] = [];
    const chunks: Buffer[] = [];
    let killed = false;
    const stdout = lineSplitter("stdout", (line: LogLine) => {
      const read = readJsonLine(line.text, secrets);
      if (!read) return;
      if (read.error) errors.push(read.error);
      onLog({ at: line.at, stream: read.stream, text: read.text });
    });
    const stderr = lineSplitter("stderr", (line: LogLine) => {
      if (!line.text.trim()) return;
      const text = maskText(line.text, secrets);
      errors.push(text);
      onLog({ ...line, text });
    });
    child.stdout.on("data", (chunk: Buffer) =>
      options.capture ? chunks.push(chunk) : stdout.push(chunk),
    );
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    let grace: NodeJS.Timeout | undefined;
    const cancel = () => {
      if (!child.pid) return;
      signalGroup(child.pid, "SIGINT");
      grace = setTimeout(() => {
        killed = true;
        if (child.pid) signalGroup(child.pid, "SIGKILL");
      }, options.graceMs);
    };
    if (options.signal?.aborted) cancel();
    else options.signal?.addEventListener("abort", cancel, { once: true });
    child.once("error", reject);
    child.once("close", (code) => {
      forgetCommand(options.runId);
      clearTimeout(grace);
      options.signal?.removeEventListener("abort", cancel);
      stdout.flush();
      stderr.flush();
      resolve({ code, stdout: Buffer.concat(chunks).toString("utf8"), errors, killed });
    });
  });
}
