// A worker process killed (SIGKILL) in the middle of a Terraform apply: the next worker to start
// fails the run, stops the Terraform process group the dead worker left running (it is detached,
// so it outlived its parent) and releases the state lock it held; a new apply then succeeds.
// PostgreSQL only (real worker processes share the database); needs the terraform binary.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, type Harness, TEST_DATABASES } from "@/test/integration";
import { databaseUrl, newProject, sharedKey, waitFor } from "@/test/runner-processes";
import { type StateServer, startStateServer } from "@/test/state-server";
import { killWorkers, startWorker, WORKER_SCRIPT } from "@/test/worker-process";
import { isAlive, readState } from "../local/process-control";
import { startRunner } from "../../runner/start";
import { findTerraform } from "./binary";

const onPostgres = TEST_DATABASES.includes("postgresql");
const binary = findTerraform();
if (!onPostgres || !binary)
  console.warn(
    `terraform crash test skipped: ${!onPostgres ? "it needs PostgreSQL (PATCHBAY_TEST_DATABASES lacks it)" : "no tofu or terraform binary is installed"}`,
  );

describe.skipIf(!onPostgres || !binary)("a worker killed mid-apply of a Terraform module", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "patchbay-tf-crash-"));
  let server: StateServer;

  forEachDatabase(
    "terraform crash",
    (h: Harness) => {
      let stopQueue = async () => {};
      let workerEnv: Record<string, string> = {};
      const flags = { id: `cmp-tfcrash-${Date.now().toString(36)}`, name: "flags", x: 0, y: 0 };
      let target = { projectId: "", environmentId: "", componentId: flags.id };
      const setFlags = async (apply_seconds: number) => {
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId: target.projectId });
        await dev.diagram.change({
          projectId: target.projectId,
          baseRevision: revision,
          ops: [
            {
              op: "setInstance",
              component: flags.id,
              environment: target.environmentId,
              config: {
                preset: null,
                params: { release: "v1", flags: { a: true }, apply_seconds },
              },
            },
          ] as never,
        });
      };

      beforeAll(async () => {
        server = await startStateServer();
        const url = await databaseUrl(h.db());
        workerEnv = {
          DATABASE_URL: url,
          PATCHBAY_SECRET_KEY: sharedKey(),
          PATCHBAY_DATA_DIR: dataDir,
          PATCHBAY_URL: server.url,
          PATCHBAY_WORKERS: "2",
        };
        stopQueue = (await startRunner(h.db(), { workers: 0, databaseUrl: url })).stop;
        const ops = await h.as("ops@acme.test");
        const { projectId, environmentId } = await newProject(h.db(), ops, "tfcrash");
        target = { projectId, environmentId, componentId: flags.id };
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId });
        await dev.diagram.change({
          projectId,
          baseRevision: revision,
          ops: [
            {
              op: "addComponent",
              component: { ...flags, bundle: "feature-flags", version: "1.0.0" },
            },
          ] as never,
        });
        await setFlags(60);
      });

      afterAll(async () => {
        await killWorkers();
        await stopQueue();
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      });

      const runOf = (id: string) =>
        h.db().prisma.deployment.findUniqueOrThrow({
          where: { id },
          select: { status: true, reason: true, instanceId: true },
        });
      const ended = (id: string) =>
        waitFor(`run ${id} to end`, async () => {
          const run = await runOf(id);
          return ["queued", "running"].includes(run.status) ? undefined : run;
        });

      it("stops the orphaned terraform, releases its lock, and a new apply succeeds", async () => {
        const first = await startWorker(WORKER_SCRIPT, workerEnv);
        const dev = await h.as("dev@acme.test");
        const { id } = await dev.deployment.request({ ...target, action: "apply" });
        await waitFor("the apply's local-exec", async () => {
          const lines = await h.db().prisma.deploymentLog.findMany({
            where: { deploymentId: id },
            select: { line: true },
          });
          return lines.some((l) => l.line.includes("Provisioning with 'local-exec'")) || undefined;
        });
        const pidFile = path.join(dataDir, "terraform-runs", `${id}.json`);
        const terraform = readState(pidFile);
        expect(terraform && isAlive(terraform)).toBe(true);
        const { instanceId } = await runOf(id);
        expect(await h.db().prisma.stateLock.count({ where: { instanceId: instanceId! } })).toBe(1);

        await first.kill("SIGKILL");
        expect(isAlive(terraform!)).toBe(true); // its own process group: it outlived the worker

        await startWorker(WORKER_SCRIPT, workerEnv);
        const lost = await ended(id);
        expect(lost.status).toBe("failed");
        expect(lost.reason).toMatch(/was lost mid-run/);
        await waitFor("the orphan to be stopped", async () => !isAlive(terraform!) || undefined);
        expect(existsSync(pidFile)).toBe(false);
        expect(await h.db().prisma.stateLock.count({ where: { instanceId: instanceId! } })).toBe(0);

        await setFlags(0);
        const again = await dev.deployment.request({ ...target, action: "apply" });
        const done = await ended(again.id);
        expect([done.status, done.reason]).toEqual(["succeeded", null]);
        const destroyed = await dev.deployment.request({ ...target, action: "destroy" });
        expect((await ended(destroyed.id)).status).toBe("succeeded");
      }, 90_000);
    },
    ["postgresql"],
  );
});
