// Two worker processes on one PostgreSQL, twenty instances queued at once by a whole-
// environment apply (twice over), every run woken several times more than needed: each run
// executes exactly once, one instance never has two runs at once, and every consumer starts
// only after each of its producers finished. Checked from the tables: runs, audit events.
// The workers are test/noop-worker.ts (the real runner; the test bundle's provisioner does
// nothing). PostgreSQL only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forEachDatabase, type Harness, TEST_DATABASES } from "@/test/integration";
import {
  databaseUrl,
  importNoopBundle,
  newProject,
  noopDiagram,
  sharedKey,
  waitFor,
} from "@/test/runner-processes";
import { killWorkers, NOOP_WORKER_SCRIPT, startWorker } from "@/test/worker-process";
import { wakeRuns } from "../run-queue/dispatch";
import { startRunner } from "./start";

const onPostgres = TEST_DATABASES.includes("postgresql");
if (!onPostgres)
  console.warn("two-worker test skipped: it needs PostgreSQL (PATCHBAY_TEST_DATABASES lacks it)");

describe.skipIf(!onPostgres)("two workers, twenty instances", () => {
  forEachDatabase(
    "workers",
    (h: Harness) => {
      let stopQueue = async () => {};
      let target = { projectId: "", environmentId: "" };
      const graph = noopDiagram(20, true);

      beforeAll(async () => {
        const url = await databaseUrl(h.db());
        stopQueue = (await startRunner(h.db(), { workers: 0, databaseUrl: url })).stop;
        // The workers load while the project is set up.
        const env = { DATABASE_URL: url, PATCHBAY_SECRET_KEY: sharedKey(), PATCHBAY_WORKERS: "4" };
        const workers = Promise.all([
          startWorker(NOOP_WORKER_SCRIPT, env),
          startWorker(NOOP_WORKER_SCRIPT, env),
        ]);
        const ops = await h.as("ops@acme.test");
        const project = await newProject(h.db(), ops, "workers");
        target = { projectId: project.projectId, environmentId: project.environmentId };
        await importNoopBundle(ops, project.organizationId);
        const dev = await h.as("dev@acme.test");
        const { revision } = await dev.diagram.get({ projectId: target.projectId });
        await dev.diagram.change({
          projectId: target.projectId,
          baseRevision: revision,
          ops: graph.ops as never,
        });
        await workers;
      });

      afterAll(async () => {
        await killWorkers();
        await stopQueue();
      });

      async function deployAll() {
        const dev = await h.as("dev@acme.test");
        const { batchId, runs } = await dev.deployment.deployEnvironment({
          ...target,
          action: "apply",
        });
        if (!batchId) throw new Error("an apply of every component queues a batch");
        // Duplicate wake-ups, early ones included: only one claim of a run may succeed, and
        // never before what it waits for has succeeded.
        for (let i = 0; i < 3; i += 1) await wakeRuns(runs.map((r) => r.id));
        await waitFor(
          "the batch to end",
          async () => {
            const open = await h.db().prisma.deployment.count({
              where: { batchId, status: { in: ["queued", "running"] } },
            });
            return open === 0 ? true : undefined;
          },
          30_000,
        );
        return batchId;
      }

      it("runs every run exactly once, one at a time per instance, producers first", async () => {
        const batches = [await deployAll(), await deployAll()];
        const runs = await h.db().prisma.deployment.findMany({
          where: { batchId: { in: batches } },
          select: {
            id: true,
            batchId: true,
            status: true,
            reason: true,
            startedAt: true,
            finishedAt: true,
            instance: { select: { componentId: true } },
          },
        });
        expect(runs).toHaveLength(40);

        // Exactly once: one start (and one end) audited per run, by one worker.
        const events = await h.db().prisma.auditEvent.findMany({
          where: { targetId: { in: runs.map((r) => r.id) }, action: { startsWith: "deployment." } },
          select: { targetId: true, action: true, after: true },
        });
        const count = (action: string) =>
          runs.map((r) => events.filter((e) => e.targetId === r.id && e.action === action).length);
        expect(count("deployment.started")).toEqual(runs.map(() => 1));
        expect(count("deployment.succeeded")).toEqual(runs.map(() => 1));
        const workers = new Set(
          events
            .filter((e) => e.action === "deployment.started")
            .map((e) => (e.after as { worker: string }).worker),
        );
        // Both processes took runs: the queue shares them out.
        expect(workers.size).toBe(2);

        // One instance: its runs never overlap.
        const byComponent = new Map<string, typeof runs>();
        for (const r of runs)
          byComponent.set(r.instance!.componentId, [
            ...(byComponent.get(r.instance!.componentId) ?? []),
            r,
          ]);
        for (const own of byComponent.values()) {
          const sorted = own.sort((a, b) => a.startedAt!.getTime() - b.startedAt!.getTime());
          for (let i = 1; i < sorted.length; i += 1)
            expect(sorted[i]!.startedAt!.getTime()).toBeGreaterThanOrEqual(
              sorted[i - 1]!.finishedAt!.getTime(),
            );
        }

        // Dependencies: in each batch, a consumer starts after every producer finished.
        let checked = 0;
        for (const batchId of batches) {
          const of = (componentId: string) =>
            runs.find((r) => r.batchId === batchId && r.instance?.componentId === componentId)!;
          for (const [consumer, producers] of graph.producers)
            for (const producer of producers) {
              expect(of(consumer).startedAt!.getTime()).toBeGreaterThanOrEqual(
                of(producer).finishedAt!.getTime(),
              );
              checked += 1;
            }
        }
        expect(checked).toBeGreaterThan(40);

        // Bounded: a batch never runs more than its parallelism (4) at once. Claim and finish
        // stamp their times a few milliseconds from their commits: starts count 25 ms late.
        for (const batchId of batches) {
          const own = runs.filter((r) => r.batchId === batchId);
          const most = Math.max(
            ...own.map((r) => {
              const at = r.startedAt!.getTime() + 25;
              return own.filter(
                (o) => o.startedAt!.getTime() + 25 <= at && o.finishedAt!.getTime() > at,
              ).length;
            }),
          );
          expect(most).toBeLessThanOrEqual(4);
        }
      }, 60_000);
    },
    ["postgresql"],
  );
});
