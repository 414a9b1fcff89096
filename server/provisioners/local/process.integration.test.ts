// local-process with a real child process: started in its own group with only the resolved
// environment, healthy once its health path answers, restarted by a re-apply, stopped by
// destroy — and killed when it ignores SIGTERM past the grace period.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectLogs, line, request, runId } from "@/test/provision-request";
import type { ProvisionRequest } from "../types";
import { localProcess } from "./process";

const root = mkdtempSync(path.join(tmpdir(), "patchbay-process-"));
const SERVER = `
import { createServer } from "node:http";
if (process.env.IGNORE_TERM) process.on("SIGTERM", () => console.log("ignoring SIGTERM"));
const server = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ pid: process.pid, pgid: process.pid, env: Object.keys(process.env) }));
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening on " + process.env.PORT));
console.error("a line on stderr");
`;
writeFileSync(path.join(root, "server.mjs"), SERVER);

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const provisioner = localProcess({
  stateDir: path.join(root, "state"),
  workRoot: root,
  baseEnv: { PATH: "/usr/bin:/bin" },
  graceMs: 500,
  startTimeoutMs: 10_000,
});

const started: ProvisionRequest[] = [];

async function processRequest(extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const req = request("local-process", `pbtest-${runId()}-app-0001`, {
    params: {
      command: [process.execPath, "server.mjs"],
      working_directory: ".",
      port,
      health_check_path: "/health",
    },
    env: { PORT: String(port), ...extraEnv },
    lines: [line("endpoint", "pbtest-web-0002", [])],
  });
  started.push(req);
  return req;
}

/** Running, and not a zombie waiting for this process to reap it. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
};

describe("local-process", () => {
  // A failed assertion must not leave a process behind.
  afterAll(async () => {
    for (const req of started) await provisioner.destroy(req, () => {}).catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });

  it("starts healthy with only its own environment, restarts on re-apply, stops on destroy", async () => {
    process.env.PATCHBAY_PROBE_SECRET = "must-not-leak";
    const req = await processRequest();
    expect((await provisioner.plan(req, () => {})).changes[0]?.action).toBe("create");
    const logs = collectLogs();
    const outputs = await provisioner.apply(req, logs.sink);
    expect(logs.text()).toContain(`[stdout] listening on ${req.env.PORT}`);
    expect(logs.text()).toContain("[stderr] a line on stderr");
    expect(logs.text()).toMatch(/Healthy: http:\/\/127\.0\.0\.1:\d+\/health answered 200/);
    expect(outputs.artifacts.endpoint!.lines["link-pbtest-web-0002"]).toMatchObject({
      url: `http://127.0.0.1:${req.params.port}`,
      protocol: "http",
      health_check_path: "/health",
    });

    const first = await provisioner.health(req);
    expect(first).toMatchObject({ alive: true, http: { status: 200 } });
    const body = await (await fetch(first.http!.url)).json();
    expect(body.pid).toBe(first.pid);
    expect(body.env.sort()).toEqual(["PATH", "PORT"]);

    expect((await provisioner.plan(req, () => {})).changes[0]?.action).toBe("replace");
    await provisioner.apply(req, () => {});
    const second = await provisioner.health(req);
    expect(second.alive).toBe(true);
    expect(second.pid).not.toBe(first.pid);
    expect(alive(first.pid!)).toBe(false);

    expect((await provisioner.plan(req, () => {}, "destroy")).changes).toHaveLength(1);
    const stopLogs = collectLogs();
    await provisioner.destroy(req, stopLogs.sink);
    expect(stopLogs.text()).toContain(`Stopped process ${second.pid} (terminated)`);
    expect(await provisioner.health(req)).toMatchObject({ alive: false, pid: null });
    expect(alive(second.pid!)).toBe(false);
    expect((await provisioner.plan(req, () => {}, "destroy")).changes).toEqual([]);
    delete process.env.PATCHBAY_PROBE_SECRET;
  });

  it("kills a process that ignores SIGTERM after the grace period", async () => {
    const req = await processRequest({ IGNORE_TERM: "1" });
    await provisioner.apply(req, () => {});
    const { pid } = await provisioner.health(req);
    const logs = collectLogs();
    await provisioner.destroy(req, logs.sink);
    expect(logs.text()).toContain(`Stopped process ${pid} (killed)`);
    expect(alive(pid!)).toBe(false);
  });

  it("drift: a process that died is found", async () => {
    const req = await processRequest();
    await provisioner.apply(req, () => {});
    expect(await provisioner.drift!(req, () => {})).toEqual([]);
    const { pid } = await provisioner.health(req);
    process.kill(pid!, "SIGKILL");
    await expect.poll(() => alive(pid!)).toBe(false);
    expect(await provisioner.drift!(req, () => {})).toEqual([
      {
        resource: `local_process.${req.namePrefix}`,
        attribute: "alive",
        expected: "true",
        actual: "false",
      },
    ]);
  });

  it("fails an apply whose process exits during start, with its output in the log", async () => {
    const req = await processRequest();
    req.params.command = [process.execPath, "-e", "console.error('boom'); process.exit(3)"];
    const logs = collectLogs();
    await expect(provisioner.apply(req, logs.sink)).rejects.toThrow(/exited during start/);
    expect(logs.text()).toContain("[stderr] boom");
  });

  it("refuses a working directory outside the work root", async () => {
    const req = await processRequest();
    req.params.working_directory = "../..";
    await expect(provisioner.apply(req, () => {})).rejects.toThrow(/leaves the work root/);
  });
});
