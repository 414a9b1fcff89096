// local-process: runs an ops-defined command (no shell) with exactly the environment the
// runner resolved for it — plus PATH/HOME/LANG, never the worker's own variables, which hold
// its database URL and secret keys. Healthy means alive and, when it serves HTTP, answering
// its health path. Every apply restarts it; destroy stops its whole process group.
import { closeSync, mkdirSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
import { AppError } from "../../domain/errors";
import { isInside } from "../../bundles/contained-path";
import { lineSplitter, systemLog } from "../log-lines";
import type { LogSink, LogStream, ProvisionOutputs, ProvisionRequest, Provisioner } from "../types";
import { safeName } from "./names";
import {
  isAlive,
  type ProcessState,
  readState,
  startProcess,
  stopProcess,
} from "./process-control";

export interface LocalProcessOptions {
  /** Where pid files and the processes' output live. */
  stateDir: string;
  /** `working_directory` is relative to this and may not leave it. */
  workRoot: string;
  /** Inherited by every process (PATH, HOME, LANG): nothing else of the worker's environment. */
  baseEnv: Record<string, string>;
  /** SIGTERM → SIGKILL grace. */
  graceMs?: number;
  /** How long a start may take to become healthy. */
  startTimeoutMs?: number;
}

export interface ProcessHealth {
  alive: boolean;
  pid: number | null;
  /** The health check's answer when the process serves HTTP (`status` 0: no answer). */
  http: { url: string; status: number } | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function files(options: LocalProcessOptions, namePrefix: string) {
  const dir = path.join(options.stateDir, "local-process");
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, safeName(namePrefix, "name_prefix"));
  return { state: `${base}.json`, stdout: `${base}.out.log`, stderr: `${base}.err.log` };
}

function spec(request: ProvisionRequest, options: LocalProcessOptions) {
  const { command, working_directory = ".", port, health_check_path } = request.params;
  if (
    !Array.isArray(command) ||
    command.length === 0 ||
    !command.every((c) => typeof c === "string")
  )
    throw new AppError("BAD_REQUEST", "command must be a non-empty list of strings");
  const root = realpathSync(options.workRoot);
  const cwd = path.resolve(root, String(working_directory));
  if (!isInside(root, cwd))
    throw new AppError(
      "BAD_REQUEST",
      `working_directory "${working_directory}" leaves the work root`,
    );
  const url =
    typeof port === "number" && typeof health_check_path === "string"
      ? `http://127.0.0.1:${port}${health_check_path}`
      : null;
  return { command: command as string[], cwd, port: typeof port === "number" ? port : null, url };
}

async function httpStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: "manual" });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 0;
  }
}

/** Appends what a file gained since the last call to the log, line by line. */
function tail(file: string, stream: LogStream, onLog: LogSink) {
  const lines = lineSplitter(stream, onLog);
  let offset = 0;
  const buffer = Buffer.alloc(64 * 1024);
  return {
    read() {
      const fd = openSync(file, "r");
      try {
        for (let n = readSync(fd, buffer, 0, buffer.length, offset); n > 0; ) {
          offset += n;
          lines.push(buffer.subarray(0, n));
          n = readSync(fd, buffer, 0, buffer.length, offset);
        }
      } finally {
        closeSync(fd);
      }
    },
    flush: () => lines.flush(),
  };
}

export function localProcess(options: LocalProcessOptions) {
  const graceMs = options.graceMs ?? 5000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;

  async function health(request: ProvisionRequest): Promise<ProcessHealth> {
    const { url } = spec(request, options);
    const state = readState(files(options, request.namePrefix).state);
    const alive = state !== null && isAlive(state);
    return {
      alive,
      pid: alive ? state.pid : null,
      http: url ? { url, status: alive ? await httpStatus(url) : 0 } : null,
    };
  }

  async function stop(request: ProvisionRequest, onLog: LogSink) {
    const f = files(options, request.namePrefix);
    const state = readState(f.state);
    if (!state) return;
    const how = await stopProcess(state, f.state, graceMs);
    systemLog(onLog)(
      how === "not-running"
        ? `Process ${state.pid} was not running`
        : `Stopped process ${state.pid} (${how})`,
    );
  }

  /** Waits until alive and answering (2xx–4xx: it serves; 5xx or nothing: not yet). */
  async function waitHealthy(
    request: ProvisionRequest,
    state: ProcessState,
    url: string | null,
    onLog: LogSink,
  ) {
    const f = files(options, request.namePrefix);
    const out = tail(f.stdout, "stdout", onLog);
    const err = tail(f.stderr, "stderr", onLog);
    const deadline = Date.now() + startTimeoutMs;
    try {
      for (;;) {
        out.read();
        err.read();
        if (!isAlive(state))
          throw new AppError("INTERNAL", `Process ${state.pid} exited during start`);
        const status = url ? await httpStatus(url) : 200;
        if (status > 0 && status < 500) return status;
        if (request.signal?.aborted || Date.now() > deadline) {
          await stopProcess(state, f.state, graceMs);
          throw new AppError(
            "INTERNAL",
            request.signal?.aborted
              ? "Aborted during start"
              : `Not healthy after ${startTimeoutMs} ms`,
          );
        }
        await sleep(100);
      }
    } finally {
      // What it printed before answering (its "listening" line) is in the files by now.
      for (const t of [out, err]) {
        t.read();
        t.flush();
      }
    }
  }

  const provisioner: Provisioner = {
    async plan(request, onLog, mode = "apply") {
      const state = readState(files(options, request.namePrefix).state);
      const running = state !== null && isAlive(state);
      const resource = `local_process.${request.namePrefix}`;
      const changes =
        mode === "destroy"
          ? running
            ? [{ action: "delete" as const, resource, attributes: ["pid"] }]
            : []
          : [
              {
                action: running ? ("replace" as const) : ("create" as const),
                resource,
                attributes: ["command", "env", "pid"],
              },
            ];
      for (const c of changes) systemLog(onLog)(`${c.action} ${c.resource}`);
      return { changes };
    },

    async apply(request, onLog) {
      const log = systemLog(onLog);
      const { command, cwd, port, url } = spec(request, options);
      await stop(request, onLog);
      const f = files(options, request.namePrefix);
      const state = await startProcess({
        command,
        cwd,
        env: { ...options.baseEnv, ...request.env },
        stdoutFile: f.stdout,
        stderrFile: f.stderr,
        stateFile: f.state,
      }).catch((error: Error) => {
        throw new AppError("BAD_REQUEST", `Could not start ${command[0]}: ${error.message}`);
      });
      log(
        `Started ${command.join(" ")} as process ${state.pid} in ${path.relative(options.workRoot, cwd) || "."}`,
      );
      const status = await waitHealthy(request, state, url, onLog);
      log(url ? `Healthy: ${url} answered ${status}` : "Running");
      const artifacts: ProvisionOutputs["artifacts"] = {};
      if (port) {
        const check = request.params.health_check_path;
        const shared = {
          url: `http://127.0.0.1:${port}`,
          hostname: "127.0.0.1",
          port,
          protocol: "http",
          ...(typeof check === "string" ? { health_check_path: check } : {}),
        };
        const lines = Object.fromEntries(request.lines.map((l) => [l.linkId, shared]));
        artifacts.endpoint = { shared, lines, sensitive: [] };
      }
      return { artifacts };
    },

    async destroy(request, onLog) {
      await stop(request, onLog);
    },

    /** The process the last apply started is still alive. */
    async drift(request, onLog) {
      const state = readState(files(options, request.namePrefix).state);
      const alive = state !== null && isAlive(state);
      systemLog(onLog)(
        alive
          ? `Process ${state.pid} is alive`
          : `Process ${state?.pid ?? "(none)"} is not running`,
      );
      return alive
        ? []
        : [
            {
              resource: `local_process.${request.namePrefix}`,
              attribute: "alive",
              expected: "true",
              actual: "false",
            },
          ];
    },
  };
  return { ...provisioner, health };
}
