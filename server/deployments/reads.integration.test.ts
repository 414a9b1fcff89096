// Reading runs through the procedures, on both databases: another tenant's ids read as "not
// found", a viewer reads a run (its frozen inputs masked, nothing else stored leaks), the list
// filters, the log stream resumes after a line number and follows a run to its end, and the
// status stream answers now and again when a run moves. Runs are written by hand here: the
// runner that writes them in production is tested on its own.
import { TRPCError } from "@trpc/server";
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type Harness } from "@/test/integration";
import { type Fixture, loadFixture } from "@/test/procedures";

forEachDatabase("run reads", (h: Harness) => {
  let fx: Fixture;
  let runId = "";
  let planId = "";
  // A fresh environment: the demo's staging already holds a queued request of the API.
  let env = "";
  const snapshot = {
    format: 1,
    bundle: { name: "k8s-application", version: "1.0.0", digest: "x" },
    params: { replicas: 2, token: { fingerprint: "a1b2c3d4e5f6" } },
    connections: [
      { slot: "database", type: "postgresql", preview: false, payload: { host: "db" } },
    ],
    env: [
      { name: "PORT", value: "8080", fingerprint: null, sensitive: false, sources: ["x"] },
      { name: "DB_PASSWORD", value: null, fingerprint: "0f0f0f0f0f0f", sensitive: true },
    ],
    secrets: [{ name: "SESSION_SECRET", required: true, set: true }],
    internal: "never shown",
  };

  beforeAll(async () => {
    fx = await loadFixture(h);
    env = await fx.scratchEnvironment();
    const prisma = h.db().prisma;
    const instanceOf = (componentId: string) =>
      prisma.instance.upsert({
        where: { componentId_environmentId: { componentId, environmentId: env } },
        create: { projectId: fx.projectId, componentId, environmentId: env },
        update: {},
        select: { id: true },
      });
    const api = await instanceOf(fx.api);
    const database = await instanceOf(fx.database);
    const started = new Date(Date.now() - 60_000);
    planId = (
      await prisma.deployment.create({
        data: {
          instanceId: database.id,
          environmentId: env,
          action: "plan",
          status: "planned",
          snapshot,
          changes: [
            { action: "create", resource: "postgresql_database.app", attributes: ["name"] },
          ],
          createdAt: started,
          finishedAt: started,
        },
        select: { id: true },
      })
    ).id;
    runId = (
      await prisma.deployment.create({
        data: {
          instanceId: api.id,
          environmentId: env,
          action: "apply",
          status: "running",
          snapshot,
          createdAt: new Date(started.getTime() + 1000),
          startedAt: started,
          logs: {
            create: [1, 2, 3].map((seq) => ({ seq, line: `line ${seq}`, stream: "stdout" })),
          },
        },
        select: { id: true },
      })
    ).id;
  });

  const target = () => ({ projectId: fx.projectId, environmentId: env, deploymentId: runId });

  it("another organization, another project's environment or another environment's run: not found", async () => {
    const outsider = await h.as("owner@globex.test");
    await expect(outsider.deployment.get(target())).rejects.toMatchObject({ code: "NOT_FOUND" });
    const viewer = await h.as("viewer@acme.test");
    const foreign = await h.db().prisma.environment.findFirstOrThrow({
      where: { projectId: fx.otherProjectId },
      select: { id: true },
    });
    for (const call of [
      () => viewer.deployment.get({ ...target(), environmentId: foreign.id }),
      () => viewer.deployment.get({ ...target(), environmentId: fx.production }),
      () => viewer.deployment.get({ ...target(), projectId: fx.otherProjectId }),
      () => viewer.deployment.logs({ ...target(), environmentId: fx.production }),
      () => viewer.deployment.statuses({ projectId: fx.projectId, environmentId: foreign.id }),
      () => viewer.deployment.list({ projectId: fx.projectId, environmentId: foreign.id }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("NOT_FOUND");
    }
  });

  it("a viewer reads a run: frozen inputs masked, secrets by name, nothing else stored", async () => {
    const viewer = await h.as("viewer@acme.test");
    const run = await viewer.deployment.get(target());
    expect(run).toMatchObject({ id: runId, action: "apply", status: "running", reason: null });
    expect(run.inputs?.params).toEqual({ replicas: 2, token: { fingerprint: "a1b2c3d4e5f6" } });
    expect(run.inputs?.env).toEqual([
      { name: "PORT", value: "8080", fingerprint: null, sensitive: false },
      { name: "DB_PASSWORD", value: null, fingerprint: "0f0f0f0f0f0f", sensitive: true },
    ]);
    expect(run.inputs?.secrets).toEqual([{ name: "SESSION_SECRET", required: true, set: true }]);
    expect(JSON.stringify(run)).not.toContain("never shown");
    const plan = await viewer.deployment.get({ ...target(), deploymentId: planId });
    expect(plan.changes).toEqual([
      { action: "create", resource: "postgresql_database.app", attributes: ["name"] },
    ]);
  });

  it("the list filters by status, action and component", async () => {
    const viewer = await h.as("viewer@acme.test");
    const base = { projectId: fx.projectId, environmentId: env };
    const ids = async (extra: object) =>
      (await viewer.deployment.list({ ...base, ...extra })).map((d) => d.id);
    expect(await ids({ status: "running" })).toEqual([runId]);
    expect(await ids({ action: "plan", status: "planned" })).toEqual([planId]);
    expect(await ids({ componentId: fx.database })).toContain(planId);
    expect(await ids({ componentId: fx.database })).not.toContain(runId);
    const all = await viewer.deployment.list(base);
    expect(all.findIndex((d) => d.id === runId)).toBeLessThan(
      all.findIndex((d) => d.id === planId),
    );
  });

  it("the log stream resumes after a line and follows the run to its end", async () => {
    const viewer = await h.as("viewer@acme.test");
    const stream = await viewer.deployment.logs({ ...target(), lastEventId: "1" });
    const it = stream[Symbol.asyncIterator]();
    const seqOf = (r: IteratorResult<unknown>) => (r.value as [string, { seq: number }])[1].seq;
    const two = await it.next();
    expect((two.value as [string])[0]).toBe("2");
    expect(seqOf(await it.next())).toBe(3);
    // The run writes its last line and finishes while the stream waits.
    const prisma = h.db().prisma;
    await prisma.deploymentLog.create({
      data: { deploymentId: runId, seq: 4, line: "line 4", stream: "stderr" },
    });
    await prisma.deployment.update({
      where: { id: runId },
      data: { status: "succeeded", finishedAt: new Date() },
    });
    const four = await it.next();
    expect((four.value as [string, { text: string; stream: string }])[1]).toMatchObject({
      text: "line 4",
      stream: "stderr",
    });
    expect((await it.next()).done).toBe(true);
  });

  it("the status stream answers now, then again when a run moves", async () => {
    const viewer = await h.as("viewer@acme.test");
    const stream = await viewer.deployment.statuses({
      projectId: fx.projectId,
      environmentId: env,
    });
    const it = stream[Symbol.asyncIterator]();
    const first = (await it.next()).value!;
    expect(first.find((s: { componentId: string }) => s.componentId === fx.database)).toMatchObject(
      {
        deploymentId: planId,
        action: "plan",
        status: "planned",
      },
    );
    const api = await h.db().prisma.instance.findFirstOrThrow({
      where: { componentId: fx.api, environmentId: env },
      select: { id: true },
    });
    const next = await h.db().prisma.deployment.create({
      data: { instanceId: api.id, environmentId: env, action: "destroy", status: "queued" },
      select: { id: true },
    });
    const second = (await it.next()).value!;
    expect(second.find((s: { componentId: string }) => s.componentId === fx.api)).toMatchObject({
      deploymentId: next.id,
      action: "destroy",
      status: "queued",
    });
    await it.return?.();
  });
});
