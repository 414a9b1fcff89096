// The app server under test, started the way scripts/test.ts starts it: `scripts/start.ts`
// (through app-server.ts) in a child process on a free port, against the bench's database,
// ready at /api/health.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../../build-if-needed";

// Resolves `server-only` as Next's server does (scripts/server-runtime.mjs).
const SERVER_RUNTIME = path.resolve(import.meta.dirname, "../../server-runtime.mjs");

const HEALTH_TIMEOUT_MS = 120_000;
const BUILD_ATTEMPTS = 3;

export interface RunningServer {
  url: string;
  /** Why the server is gone ("exited with code 1"), or null while it runs. */
  died(): string | null;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no free port")),
      );
    });
  });
}

/**
 * Builds first, in this process, so a failed build is reported as one (the start script
 * would build too). `.next` is shared with whoever else builds in this checkout, and two
 * builds at once break each other: a failed build is retried after a pause.
 */
async function build(root: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return buildIfNeeded(root);
    } catch {
      if (attempt === BUILD_ATTEMPTS)
        throw new Error(
          `next build failed ${BUILD_ATTEMPTS} times: the app does not build right now (see the output above)`,
        );
      console.log(
        `next build failed; retrying in 15 s (another build may have been writing .next), attempt ${attempt + 1}/${BUILD_ATTEMPTS}`,
      );
      await new Promise((r) => setTimeout(r, 15_000));
    }
  }
}

function exitReason(child: ChildProcess): string | null {
  if (child.exitCode !== null) return `exited with code ${child.exitCode}`;
  if (child.signalCode !== null) return `was killed by ${child.signalCode}`;
  return null;
}

async function waitForHealth(
  url: string,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const gone = exitReason(child);
    if (gone)
      throw new Error(
        `the app server ${gone} before it was healthy; its last output:\n${output()}`,
      );
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `the app server did not answer ${url}/api/health within ${HEALTH_TIMEOUT_MS / 1000} s; its last output:\n${output()}`,
  );
}

export interface ServerOptions {
  root?: string;
  /** A fixed port (BENCH_PORT), else a free one. */
  port?: number;
  /** Where its data directory is made (`<prefix>XXXXXX`). */
  dataDirPrefix?: string;
}

export async function startServer(
  databaseUrl: string,
  {
    root = process.cwd(),
    port: fixedPort,
    dataDirPrefix = path.join(tmpdir(), "patchbay-bench-canvas-"),
  }: ServerOptions = {},
): Promise<RunningServer> {
  await build(root);
  const dataDir = mkdtempSync(dataDirPrefix);
  const port = fixedPort ?? (await freePort());
  const child = spawn(
    process.execPath,
    [
      // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? []),
      "--import",
      "tsx",
      "--import",
      SERVER_RUNTIME,
      path.join(import.meta.dirname, "app-server.ts"),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: String(port),
        PATCHBAY_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  // Its banner would only clutter the figures: keep the tail of its output for error messages.
  let tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail = [...tail, ...chunk.toString().split("\n").filter(Boolean)].slice(-30);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const output = () => tail.map((l) => `  | ${l}`).join("\n");

  const stop = async () => {
    if (!exitReason(child)) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      // A server stuck in shutdown must not hang the bench (or keep the database busy).
      const force = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(force);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const url = `http://localhost:${port}`;
  try {
    await waitForHealth(url, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url,
    died: () => {
      const gone = exitReason(child);
      return gone && `${gone}; its last output:\n${output()}`;
    },
    stop,
  };
}
