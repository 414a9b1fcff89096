// Runs the real `patchbay` command as a child process (node + bin/patchbay.mjs), its stdin fed
// from a string, and collects what it printed and how it exited. Asynchronous on purpose: the
// server it talks to runs in this same test process.
import { spawn } from "node:child_process";
import path from "node:path";

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** the arguments the child was started with (a secret must never be among them) */
  argv: string[];
}

const BIN = path.resolve(process.cwd(), "bin/patchbay.mjs");

export function runCli(
  args: string[],
  options: { env?: Record<string, string | undefined>; input?: string } = {},
): Promise<CliRun> {
  const argv = [BIN, ...args];
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: "1", ...options.env };
  const child = spawn(process.execPath, argv, {
    env: env as unknown as NodeJS.ProcessEnv,
    stdio: "pipe",
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  child.stdin.end(options.input ?? "");
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr, argv }));
  });
}
