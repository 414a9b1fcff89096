// A worker process killed (SIGKILL) in the middle of an apply: the run is not left running.
// A real `npm run worker` process applies a local-process component whose command only starts
// listening after 8 s, so the apply sits in its health check; the worker is killed there; the
// next worker to start fails the run with the reason, the instance is free, and a new deploy
// of the same component succeeds. PostgreSQL only: on the embedded database one process owns
// everything (server/runner/start.ts fails what it left running at start).
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, type Harness, TEST_DATABASES } from "@/test/integration";
import { databaseUrl, newProject, sharedKey, waitFor } from "@/test/runner-processes";
import { killWorkers, startWorker, WORKER_SCRIPT, type WorkerProcess } from "@/test/worker-process";
import { readState, stopProcess } from "../provisioners/local/process-control";
import { startRunner } from "./start";

const onPostgres = TEST_DATABASES.includes("postgresql");
if (!onPostgres)
  console.warn("crash test skipped: it needs PostgreSQL (PATCHBAY_TEST_DATABASES lacks it)");

const freePort = () =>
  new Promise<number>((resolve) => {
    const srv = createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

// Slow the first time only (a marker file says it started before): the apply the worker dies
// in waits on its health check; the deploy after recovery is quick.
const SLOW_SERVER = `
const fs = require("node:fs"), http = require("node:http");
const slow = !fs.existsSync(process.argv[1]);
fs.writeFileSync(process.argv[1], "");
console.log(slow ? "warming up for 8 s" : "starting");
setTimeout(() => http.createServer((q, s) => s.end("ok"))
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("listening")), slow ? 8000 : 0);
`;

describe.skipIf(!onPostgres)("a worker killed mid-apply", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "patchbay-crash-"));

  forEachDatabase(
    "crash",
    (h: Harness) => {
      let stopQueue = async () => {};
      let workerEnv: Record<string, string> = {};
      let firstWorker: Promise<WorkerProcess> | undefined;
      const app = { id: `cmp-crash-${Date.now().toString(36)}`, name: "slow", x: 0, y: 0 };
      let target = { projectId: "", environmentId: "", componentId: app.id };

      beforeAll(async () => {
        const url = await databaseUrl(h.db());
        workerEnv = {
          DATABASE_URL: url,
          PATCHBAY_SECRET_KEY: sharedKey(),
          PATCHBAY_LOCAL_PROVISIONER: "1",
          PATCHBAY_DATA_DIR: dataDir,
          PATCHBAY_WORKERS: "2",
        };
        // This process queues runs on pg-boss and works none (`npm start` with 0 workers).
        stopQueue = (await startRunner(h.db(), { workers: 0, databaseUrl: url })).stop;
        // The first worker loads while the component is set up.
        firstWorker = startWorker(WORKER_SCRIPT, workerEnv);
        firstWorker.catch(() => {}); // a failed set-up reports itself; afterAll kills it
        const ops = await h.as("ops@acme.test");
        const { projectId, environmentId } = await newProject(h.db(), ops, "crash");
        target = { projectId, environmentId, componentId: app.id };
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        const port = await freePort();
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            {
              op: "addComponent",
              component: { ...app, bundle: "local-process", version: "1.2.0" },
            },
            {
              op: "setInstance",
              component: app.id,
              environment: environmentId,
              config: {
                preset: null,
                params: {
                  command: [process.execPath, "-e", SLOW_SERVER, path.join(dataDir, "started")],
                  working_directory: ".",
                  port,
                  health_check_path: "/",
                  restart: "no",
                  log_level: "info",
                },
              },
            },
          ] as never,
        });
        await dev.secret.set({ ...target, name: "SESSION_SECRET", value: "crash-test-secret" });
      });

      afterAll(async () => {
        await killWorkers();
        await stopQueue();
        // The local process outlives its worker by design: stop whatever this suite started.
        const states = path.join(dataDir, "local", "local-process");
        if (!existsSync(states)) return rmSync(dataDir, { recursive: true, force: true });
        for (const file of readdirSync(states, { withFileTypes: true }).map((f) => f.name)) {
          const state = file.endsWith(".json") ? readState(path.join(states, file)) : null;
          if (state) await stopProcess(state, path.join(states, file), 500).catch(() => {});
        }
        rmSync(dataDir, { recursive: true, force: true });
      });

      const runOf = (id: string) =>
        h.db().prisma.deployment.findUniqueOrThrow({
          where: { id },
          select: { status: true, reason: true, workerId: true, instanceId: true },
        });
      const ended = (id: string) =>
        waitFor(`run ${id} to end`, async () => {
          const run = await runOf(id);
          return ["queued", "running"].includes(run.status) ? undefined : run;
        });

      it("fails the run with the reason at the next worker's start; a new deploy succeeds", async () => {
        const first = await firstWorker!;
        const dev = await h.as("dev@acme.test");
        const { id } = await dev.deployment.request({ ...target, action: "apply" });
        // Mid-apply: running on that worker, the process started, its health not yet answered.
        await waitFor("the apply to wait on the health check", async () => {
          const lines = await h.db().prisma.deploymentLog.findMany({
            where: { deploymentId: id },
            select: { line: true },
          });
          return lines.some((l) => l.line.includes("warming up")) ? true : undefined;
        });
        const during = await runOf(id);
        expect(during.status).toBe("running");
        expect(during.workerId).toContain(`:${first.pid}:`);
        await first.kill("SIGKILL");
        // Nobody is left to finish it: still running in the table.
        expect((await runOf(id)).status).toBe("running");

        await startWorker(WORKER_SCRIPT, workerEnv);
        const lost = await ended(id);
        expect(lost.status).toBe("failed");
        expect(lost.reason).toMatch(
          new RegExp(`^worker ${during.workerId} was lost mid-run \\(its process is gone\\)`),
        );
        expect(await h.db().prisma.deployment.count({ where: { status: "running" } })).toBe(0);
        const instance = await h.db().prisma.instance.findUniqueOrThrow({
          where: { id: lost.instanceId! },
          select: { status: true },
        });
        expect(instance.status).toBe("failed");
        const events = await h.db().prisma.auditEvent.findMany({
          where: { targetId: id },
          orderBy: { at: "asc" },
          select: { action: true, actorType: true },
        });
        expect(events.map((e) => e.action)).toEqual([
          "deployment.requested",
          "deployment.started",
          "deployment.failed",
        ]);
        expect(events[2]?.actorType).toBe("system");

        // The instance is free: a new apply is accepted, runs on the new worker and succeeds.
        const again = await dev.deployment.request({ ...target, action: "apply" });
        const done = await ended(again.id);
        expect([done.status, done.reason]).toEqual(["succeeded", null]);
        expect(await h.db().prisma.deployment.count({ where: { status: "running" } })).toBe(0);
        const destroyed = await dev.deployment.request({ ...target, action: "destroy" });
        expect((await ended(destroyed.id)).status).toBe("succeeded");
      }, 60_000);
    },
    ["postgresql"],
  );
});
