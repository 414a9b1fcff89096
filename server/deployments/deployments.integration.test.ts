// Deployment requests on both databases: refused while a required secret is unset (naming it,
// writing nothing), queued once it is set with a frozen snapshot that holds no secret and no
// sensitive value in clear, an apply waiting for undeployed upstreams, roles and tenancy.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import {
  auditCount,
  forEachDatabase,
  snapshot,
  type Harness,
  acmeFingerprint,
} from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";

forEachDatabase("deployments", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  const web = `cmp-web-${randomBytes(4).toString("hex")}`;
  const api = `cmp-api-${randomBytes(4).toString("hex")}`;
  const cluster = `cmp-k8s-${randomBytes(4).toString("hex")}`;
  const sessionSecret = `session-${randomBytes(16).toString("hex")}`;

  beforeAll(async () => {
    // The demo diagram is not seeded here: the components under test are placed by hand.
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } });
    projectId = project.id;
    const dev = await h.as("dev@acme.test");
    const envs = (await dev.project.get({ projectId })).environments;
    staging = envs.find((e) => e.slug === "staging")!.id;
    production = envs.find((e) => e.slug === "production")!.id;
    const bundles = (await dev.diagram.catalog({ projectId })).bundles;
    const version = (name: string) => bundles.find((b) => b.name === name)!.version;
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: {
            id: web,
            name: "web",
            bundle: "local-process",
            version: version("local-process"),
            x: 0,
            y: 0,
          },
        },
        {
          op: "addComponent",
          component: {
            id: cluster,
            name: "cluster",
            bundle: "aws-eks-cluster",
            version: version("aws-eks-cluster"),
            x: 0,
            y: 200,
          },
        },
        {
          op: "addComponent",
          component: {
            id: api,
            name: "api",
            bundle: "k8s-application",
            version: version("k8s-application"),
            x: 300,
            y: 200,
          },
        },
        {
          op: "addLink",
          link: {
            id: `lnk-${randomBytes(4).toString("hex")}`,
            from: cluster,
            fromArtifact: "cluster",
            to: api,
            toSlot: "cluster",
            policies: ["view"],
          },
        },
      ],
    });
  });

  const webIn = (environmentId: string) => ({ projectId, componentId: web, environmentId });

  async function unchanged(attempt: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await expect(attempt()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
    return events;
  }

  it("refuses a request while a required secret is unset, naming the secret and the environment, and writes nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const refusal =
      'Deployment blocked — secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production';
    for (const action of ["plan", "apply"] as const) {
      const events = await unchanged(
        () => dev.deployment.request({ ...webIn(production), action }),
        {
          code: "BAD_REQUEST",
          message: refusal,
          cause: {
            details: {
              fields: {
                "secrets.SESSION_SECRET": [
                  'required secret "SESSION_SECRET" is not set in production',
                ],
              },
            },
          },
        },
      );
      // A refused request is not a change: no audit event either.
      expect(await auditCount(h.db())).toBe(events);
    }
    expect(await dev.deployment.list(webIn(production))).toEqual([]);
    // Never edited in production: the refused request did not even leave an instance row behind.
    expect(
      await h
        .db()
        .prisma.instance.count({ where: { componentId: web, environmentId: production } }),
    ).toBe(0);
  });

  it("once the secret is set, queues a plan with a frozen snapshot that holds no secret value, as one audit event", async () => {
    const dev = await h.as("dev@acme.test");
    await dev.secret.set({ ...webIn(production), name: "SESSION_SECRET", value: sessionSecret });
    const events = await auditCount(h.db());
    const queued = await dev.deployment.request({
      ...webIn(production),
      action: "plan",
      message: "first look",
    });
    expect(queued).toMatchObject({
      number: 1,
      action: "plan",
      status: "queued",
      message: "first look",
      bundleVersion: "1.2.0",
      environment: { id: production, slug: "production" },
      component: { id: web, name: "web" },
      createdBy: { email: "dev@acme.test" },
      startedAt: null,
      finishedAt: null,
      // A plan changes nothing that runs: the instance keeps its status.
      instanceStatus: "draft",
    });
    expect(await auditCount(h.db())).toBe(events + 1);

    const row = await h.db().prisma.deployment.findUniqueOrThrow({ where: { id: queued.id } });
    const frozen = row.snapshot as Record<string, any>;
    expect(frozen.bundle).toMatchObject({ name: "local-process", version: "1.2.0" });
    expect(frozen.metadata).toMatchObject({
      deployment_id: queued.id,
      environment: "production",
      component: "web",
      name_prefix: expect.stringMatching(/^ecommerce-api-production-web-/),
    });
    expect(frozen.params).toMatchObject({ port: 3000 });
    expect(frozen.secrets).toEqual([
      { name: "SESSION_SECRET", required: true, set: true },
      { name: "STRIPE_API_KEY", required: false, set: false },
    ]);
    // Neither the secret nor its fingerprint is anywhere in the record or its audit event.
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "deployment.requested" },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      targetType: "deployment",
      targetId: queued.id,
      componentId: web,
      environmentId: production,
      before: null,
    });
    expect(event.after).toEqual({
      number: 1,
      action: "plan",
      status: "queued",
      component: "web",
      environment: "production",
      bundle: "local-process@1.2.0",
      message: "first look",
    });
    for (const text of [JSON.stringify(row), JSON.stringify(event)]) {
      expect(text).not.toContain(sessionSecret);
      expect(text).not.toContain((await acmeFingerprint(h, sessionSecret)).slice(0, 12));
    }
    expect(
      (
        await h.db().prisma.instance.findFirstOrThrow({
          where: { componentId: web, environmentId: production },
        })
      ).status,
    ).toBe("draft");

    const viewer = await h.as("viewer@acme.test");
    const { instanceStatus: _, ...listed } = queued;
    expect(await viewer.deployment.list(webIn(production))).toEqual([listed]);
    expect(await viewer.deployment.list({ projectId, environmentId: production })).toEqual([
      listed,
    ]);
    expect(await viewer.deployment.list(webIn(staging))).toEqual([]);

    // The record is immutable in the database: what was requested never changes, its progress may.
    await expect(
      h.db().sql.exec(`UPDATE "Deployment" SET snapshot = '{}' WHERE id = '${queued.id}'`),
    ).rejects.toThrow(/Deployment records are immutable/);
    await expect(
      h.db().sql.exec(`UPDATE "Deployment" SET message = 'rewritten' WHERE id = '${queued.id}'`),
    ).rejects.toThrow(/Deployment records are immutable/);
    expect(
      JSON.stringify(
        (await h.db().prisma.deployment.findUniqueOrThrow({ where: { id: queued.id } })).snapshot,
      ),
    ).toBe(JSON.stringify(row.snapshot));
  });

  it("an apply marks the instance pending; requests are numbered per environment, newest listed first", async () => {
    const dev = await h.as("dev@acme.test");
    const [queuedPlan] = await dev.deployment.list(webIn(production));
    await dev.deployment.abort({
      projectId,
      environmentId: production,
      deploymentId: queuedPlan!.id,
    });
    const applied = await dev.deployment.request({ ...webIn(production), action: "apply" });
    expect(applied).toMatchObject({
      number: 2,
      action: "apply",
      status: "queued",
      message: "",
      instanceStatus: "pending",
    });
    expect(
      (
        await h.db().prisma.instance.findFirstOrThrow({
          where: { componentId: web, environmentId: production },
        })
      ).status,
    ).toBe("pending");
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "deployment.requested", targetId: applied.id },
    });
    expect(event.before).toEqual({ instanceStatus: "draft" });
    expect(event.after).toMatchObject({ number: 2, action: "apply", instanceStatus: "pending" });
    expect((await dev.deployment.list(webIn(production))).map((d) => [d.number, d.action])).toEqual(
      [
        [2, "apply"],
        [1, "plan"],
      ],
    );
    // One queued or running run per instance: a further request is refused and writes nothing.
    await unchanged(() => dev.deployment.request({ ...webIn(production), action: "apply" }), {
      code: "CONFLICT",
      message: "web already has a queued apply in production: wait for it or abort it",
    });
    // Aborted before a worker took it: the instance is what it was before (never deployed).
    expect(
      await dev.deployment.abort({
        projectId,
        environmentId: production,
        deploymentId: applied.id,
      }),
    ).toEqual({ id: applied.id, status: "aborted" });
    const again = await dev.deployment.request({ ...webIn(production), action: "apply" });
    const second = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "deployment.requested", targetId: again.id },
    });
    expect([again.number, again.instanceStatus, second.before]).toEqual([
      3,
      "pending",
      { instanceStatus: "draft" },
    ]);
  });

  it("an apply waits for an undeployed upstream while a plan previews it; recorded outputs unblock it, sensitive fields frozen as fingerprints", async () => {
    const dev = await h.as("dev@acme.test");
    const apiIn = { projectId, componentId: api, environmentId: staging };
    await dev.secret.set({ ...apiIn, name: "SESSION_SECRET", value: sessionSecret });
    await unchanged(() => dev.deployment.request({ ...apiIn, action: "apply" }), {
      code: "BAD_REQUEST",
      message:
        'Deployment blocked — connections.cluster: upstream "cluster" is not deployed in staging yet; apply it first (a plan can use its preview)',
    });
    const plan = await dev.deployment.request({ ...apiIn, action: "plan" });
    expect(plan).toMatchObject({
      number: 1,
      environment: { slug: "staging" },
      component: { name: "api" },
    });
    await dev.deployment.abort({ projectId, environmentId: staging, deploymentId: plan.id });

    const token = `token-${randomBytes(16).toString("hex")}`;
    const outputs = {
      name: "shop",
      server: "https://k8s.example",
      "certificate-authority-data": "Q0E=",
      token,
      provider: "aws",
    };
    await (await h.as("ops@acme.test")).access.recordOutputs({
      projectId,
      componentId: cluster,
      environmentId: staging,
      slot: "cluster",
      payload: outputs,
    });
    const applied = await dev.deployment.request({ ...apiIn, action: "apply" });
    const row = await h.db().prisma.deployment.findUniqueOrThrow({ where: { id: applied.id } });
    const connection = (
      row.snapshot as {
        connections: { slot: string; preview: boolean; payload: Record<string, unknown> }[];
      }
    ).connections.find((c) => c.slot === "cluster")!;
    expect(connection).toMatchObject({
      preview: false,
      payload: {
        server: "https://k8s.example",
        token: { fingerprint: (await acmeFingerprint(h, token)).slice(0, 12) },
      },
    });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(sessionSecret);
  });

  it("ten requests at once for one instance queue exactly one run; the database refuses a second", async () => {
    const dev = await h.as("dev@acme.test");
    const target = webIn(staging);
    await dev.secret.set({ ...target, name: "SESSION_SECRET", value: sessionSecret });
    for (const d of await dev.deployment.list(target))
      if (d.status === "queued")
        await dev.deployment.abort({ projectId, environmentId: staging, deploymentId: d.id });
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => dev.deployment.request({ ...target, action: "plan" })),
    );
    const accepted = results.filter((r) => r.status === "fulfilled");
    expect(accepted).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "CONFLICT" });
    const rows = await h.db().prisma.deployment.findMany({
      where: { instance: { componentId: web, environmentId: staging }, status: "queued" },
      select: { instanceId: true, status: true },
    });
    expect(rows).toEqual([expect.objectContaining({ status: "queued" })]);
    // Whatever path writes it, the partial unique index holds one active run per instance.
    await expect(
      h.db().prisma.deployment.create({
        data: { instanceId: rows[0]!.instanceId, environmentId: staging, action: "apply" },
      }),
    ).rejects.toThrow(/Deployment_one_active_run|Unique constraint/);
  });

  it("refuses a viewer and another organization, changing nothing; an unknown component is not found", async () => {
    const input = { ...webIn(production), action: "plan" as const };
    await unchanged(async () => (await h.as("viewer@acme.test")).deployment.request(input), {
      code: "FORBIDDEN",
      message: expect.stringMatching(/needs the developer or above role/),
    });
    await unchanged(async () => (await h.as("owner@globex.test")).deployment.request(input), {
      code: "NOT_FOUND",
      message: "Project not found",
    });
    await expect(
      (await h.as("owner@globex.test")).deployment.list(webIn(production)),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await unchanged(
      async () =>
        (await h.as("dev@acme.test")).deployment.request({ ...input, componentId: "cmp-nope" }),
      { code: "NOT_FOUND" },
    );
    // Nothing in a protected environment is destroyed, even with the name typed back.
    await unchanged(
      async () =>
        (await h.as("owner@acme.test")).deployment.request({
          ...input,
          action: "destroy",
          confirm: "web",
        }),
      {
        code: "FORBIDDEN",
        message:
          'production is protected: destroying "web" is refused (an owner lifts protection first)',
      },
    );
  });
});

forEachDatabase("demo deployments", (h: Harness) => {
  it("the demo leaves the API blocked in production (its session secret is unset there) and one plan queued in staging", async () => {
    expect(await seedDemoDiagram()).toBe(true);
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    const env = (slug: string) => project.environments.find((e) => e.slug === slug)!.id;
    const api = await h.db().prisma.component.findFirstOrThrow({
      where: { projectId: project.id, name: "api" },
      select: { id: true },
    });
    const dev = await h.as("dev@acme.test");
    const staging = await dev.deployment.list({
      projectId: project.id,
      environmentId: env("staging"),
      componentId: api.id,
    });
    expect(staging).toMatchObject([
      { number: 1, action: "plan", status: "queued", createdBy: null, component: { name: "api" } },
    ]);
    const before = await snapshot(h.db());
    await expect(
      dev.deployment.request({
        projectId: project.id,
        componentId: api.id,
        environmentId: env("production"),
        action: "plan",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message:
        'Deployment blocked — secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production',
    });
    expect(await snapshot(h.db())).toEqual(before);
  });
});
