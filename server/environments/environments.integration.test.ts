// Environments on both databases, on the demo diagram of ecommerce-api: a fork copies params,
// preset pins and line policy choices and never secrets; delete is refused while protected or
// deployed; roles and tenancy; rename / class / protection each one audit event. Every
// refusal leaves the database exactly as it was.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";

forEachDatabase("environments", (h: Harness) => {
  let projectId = "";
  let stagingId = "";
  let productionId = "";
  const ids = () => ({ projectId, environmentId: productionId });

  beforeAll(async () => {
    expect(await seedDemoDiagram()).toBe(true);
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    projectId = project.id;
    stagingId = project.environments.find((e) => e.slug === "staging")!.id;
    productionId = project.environments.find((e) => e.slug === "production")!.id;
  });

  async function expectRefused(run: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
  }

  const instancesOf = (environmentId: string) =>
    h.db().prisma.instance.findMany({
      where: { environmentId },
      select: {
        id: true,
        componentId: true,
        params: true,
        presetVersionId: true,
        status: true,
        deployedVersion: true,
        revision: true,
      },
      orderBy: { componentId: "asc" },
    });

  async function fork(
    slug: string,
    from = productionId,
    extra: { class?: "production" | "non_production" } = {},
  ) {
    return (await h.as("ops@acme.test")).environment.fork({
      projectId,
      fromEnvironmentId: from,
      slug,
      name: `Fork ${slug}`,
      ...extra,
    });
  }

  it("fork copies params, preset pins and link policy choices, and never secrets", async () => {
    const dev = await h.as("dev@acme.test");
    // A value no preset has, and a secret whose plaintext must never reach the fork.
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const db = diagram.components.find((c) => c.name === "orders-db")!;
    const api = diagram.components.find((c) => c.name === "api")!;
    const config = diagram.instances[db.id]![productionId]!;
    const params = {
      ...config.params,
      storage: { ...(config.params.storage as object), allocated_gb: 137 },
    };
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "setInstance",
          component: db.id,
          environment: productionId,
          config: { ...config, params },
        },
      ],
    });
    const canary = `canary-${randomBytes(12).toString("hex")}`;
    await dev.secret.set({
      projectId,
      componentId: api.id,
      environmentId: productionId,
      name: "SESSION_SECRET",
      value: canary,
    });

    const events = await auditCount(h.db());
    // Into another production-class environment: every pin is allowed there, so all are copied
    // (a preview gets the pins it allows instead: server/presets/preset-lock.integration.test.ts).
    const preview = await fork("production-copy", productionId);
    expect(preview).toMatchObject({
      slug: "production-copy",
      name: "Fork production-copy",
      class: "production",
      protected: false,
      forkedFromId: productionId,
      replaced: [],
    });
    expect(await auditCount(h.db())).toBe(events + 1);

    // Row by row: the same configuration, a fresh lifecycle.
    const source = await instancesOf(productionId);
    const copied = await instancesOf(preview.id);
    expect(source.length).toBe(diagram.components.length);
    expect(
      copied.map(({ componentId, params, presetVersionId }) => ({
        componentId,
        params,
        presetVersionId,
      })),
    ).toEqual(
      source.map(({ componentId, params, presetVersionId }) => ({
        componentId,
        params,
        presetVersionId,
      })),
    );
    expect(
      copied.every((i) => i.status === "draft" && i.deployedVersion === null && i.revision === 0),
    ).toBe(true);
    expect(copied.find((i) => i.componentId === db.id)!.params).toMatchObject({
      storage: { allocated_gb: 137 },
    });
    expect(copied.filter((i) => i.presetVersionId !== null).length).toBeGreaterThan(0);
    // The links' policy choices in production come along: the API's database link may write.
    const choices = (environmentId: string) =>
      h.db().prisma.linkPolicy.findMany({
        where: { environmentId },
        select: { linkId: true, policies: true },
        orderBy: { linkId: "asc" },
      });
    expect(await choices(preview.id)).toEqual(await choices(productionId));
    expect((await choices(preview.id)).map((c) => c.policies)).toEqual([["read-write"]]);

    // The canvas of the fork shows what production shows.
    const after = (await dev.diagram.get({ projectId })).diagram;
    for (const c of after.components)
      expect(after.instances[c.id]![preview.id], c.name).toEqual(
        after.instances[c.id]![productionId],
      );
    for (const l of after.links)
      expect(l.policiesIn?.[preview.id], l.id).toEqual(l.policiesIn?.[productionId]);

    // Never secrets, environment defaults, deployments or outputs.
    const prisma = h.db().prisma;
    expect(
      await prisma.secret.count({ where: { instance: { environmentId: productionId } } }),
    ).toBe(1);
    expect(await prisma.secret.count({ where: { instance: { environmentId: preview.id } } })).toBe(
      0,
    );
    expect(
      await prisma.artifact.count({
        where: { environmentId: productionId, environmentDefault: true },
      }),
    ).toBe(1);
    expect(
      await prisma.artifact.count({
        where: { OR: [{ environmentId: preview.id }, { instance: { environmentId: preview.id } }] },
      }),
    ).toBe(0);
    expect(await prisma.deployment.count({ where: { environmentId: preview.id } })).toBe(0);
    const secrets = await dev.secret.list({
      projectId,
      componentId: api.id,
      environmentId: preview.id,
    });
    expect(secrets.find((s) => s.name === "SESSION_SECRET")).toMatchObject({
      set: false,
      fingerprint: null,
    });
    expect(await dev.environmentDefault.list({ environmentId: preview.id })).toEqual([]);

    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment.forked", targetId: preview.id },
    });
    expect(event).toMatchObject({
      projectId,
      environmentId: preview.id,
      actorLabel: "ops@acme.test",
      before: null,
    });
    expect(event.after).toEqual({
      slug: "production-copy",
      name: "Fork production-copy",
      class: "production",
      from: { id: productionId, slug: "production" },
      copied: {
        instances: source.length,
        components: diagram.components.map((c) => c.name).sort(),
        presetPins: source.filter((i) => i.presetVersionId !== null).length,
        linkPolicyChoices: 1,
        notCopied: [
          "secrets (1 set in the source)",
          "environment defaults (1)",
          "deployments",
          "outputs",
          "status",
        ],
        tags: 0,
      },
      replaced: [],
    });
    const secretRow = await prisma.secret.findFirstOrThrow({
      where: { instance: { environmentId: productionId } },
      select: { ciphertext: true, fingerprint: true },
    });
    const everything = JSON.stringify([
      event,
      copied,
      await prisma.environment.findUniqueOrThrow({ where: { id: preview.id } }),
    ]);
    for (const leak of [canary, secretRow.ciphertext, secretRow.fingerprint])
      expect(everything).not.toContain(leak);
    const [hits] = await h
      .db()
      .sql.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM "AuditEvent" WHERE strpos(coalesce(after::text, '') || coalesce(before::text, ''), $1) > 0`,
        [canary],
      );
    expect(hits?.n).toBe("0");
  });

  it("fork keeps the source's class unless asked, and the copy is independent of its source", async () => {
    const copy = await fork("production-eu");
    expect(copy).toMatchObject({
      class: "production",
      protected: false,
      forkedFromId: productionId,
    });
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const db = diagram.components.find((c) => c.name === "orders-db")!;
    const config = diagram.instances[db.id]![copy.id]!;
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "setInstance",
          component: db.id,
          environment: copy.id,
          config: {
            ...config,
            params: {
              ...config.params,
              storage: { ...(config.params.storage as object), allocated_gb: 242 },
            },
          },
        },
      ],
    });
    const fresh = (await dev.diagram.get({ projectId })).diagram.instances[db.id]!;
    expect(fresh[copy.id]!.params.storage).toMatchObject({ allocated_gb: 242 });
    expect(fresh[productionId]!.params.storage).toMatchObject({ allocated_gb: 137 });
  });

  it("refuses a taken or malformed slug, a missing name and a source outside the project, writing nothing", async () => {
    const ops = await h.as("ops@acme.test");
    await expectRefused(() => fork("staging"), {
      code: "CONFLICT",
      message: 'slug: an environment named "staging" already exists in this project',
    });
    await expectRefused(() => fork("Not A Slug"), {
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Invalid input — slug: must be 2–40 lowercase/),
    });
    await expectRefused(
      () =>
        ops.environment.fork({
          projectId,
          fromEnvironmentId: stagingId,
          slug: "preview-2",
          name: "  ",
        }),
      { code: "BAD_REQUEST", message: "Invalid input — name: is required" },
    );
    const other = await h.db().prisma.environment.findFirstOrThrow({
      where: { project: { slug: "shared-infra" } },
      select: { id: true },
    });
    await expectRefused(() => fork("preview-2", other.id), {
      code: "NOT_FOUND",
      message: "fromEnvironmentId: no such environment in this project",
    });
  });

  it("two forks racing for one slug: one wins, the other is a conflict", async () => {
    const results = await Promise.allSettled([
      fork("race-1", stagingId),
      fork("race-1", stagingId),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { code: "CONFLICT" },
    });
    expect(await h.db().prisma.environment.count({ where: { projectId, slug: "race-1" } })).toBe(1);
    // Different sources lock different rows; the unique slug still decides, as a conflict.
    const ops = await h.as("ops@acme.test");
    const mixed = await Promise.allSettled([
      fork("race-2", stagingId),
      fork("race-2", productionId),
      ops.environment.create({ projectId, slug: "race-2", name: "Race" }),
    ]);
    expect(mixed.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of mixed.filter((r) => r.status === "rejected"))
      expect(r).toMatchObject({
        reason: {
          code: "CONFLICT",
          message: 'slug: an environment named "race-2" already exists in this project',
        },
      });
  });

  it("rename, class and decommission protection round trip, one audit event each with before → after", async () => {
    const ops = await h.as("ops@acme.test");
    const env = await fork("qa", stagingId);
    const target = { projectId, environmentId: env.id };
    const events = await auditCount(h.db());
    expect(await ops.environment.rename({ ...target, name: "  Quality  " })).toMatchObject({
      name: "Quality",
      slug: "qa",
    });
    expect(await ops.environment.setClass({ ...target, class: "production" })).toMatchObject({
      class: "production",
    });
    expect(
      await (await h.as("owner@acme.test")).environment.setProtection({
        ...target,
        protected: true,
      }),
    ).toMatchObject({ protected: true });
    expect(await auditCount(h.db())).toBe(events + 3);
    const listed = (
      await (await h.as("viewer@acme.test")).project.get({ projectId })
    ).environments.find((e) => e.id === env.id);
    expect(listed).toEqual({
      id: env.id,
      slug: "qa",
      name: "Quality",
      class: "production",
      protected: true,
      forkedFromId: stagingId,
      preview: false,
      pullRequest: null,
      expiresAt: null,
    });

    const trail = await h.db().prisma.auditEvent.findMany({
      where: { targetId: env.id, action: { not: "environment.forked" } },
      orderBy: { seq: "asc" },
      select: { action: true, before: true, after: true, actorLabel: true },
    });
    expect(trail).toEqual([
      {
        action: "environment.renamed",
        before: { slug: "qa", name: "Fork qa" },
        after: { slug: "qa", name: "Quality" },
        actorLabel: "ops@acme.test",
      },
      {
        action: "environment.class-changed",
        before: { slug: "qa", class: "non_production" },
        after: { slug: "qa", class: "production" },
        actorLabel: "ops@acme.test",
      },
      {
        action: "environment.protection-changed",
        before: { slug: "qa", protected: false },
        after: { slug: "qa", protected: true },
        actorLabel: "owner@acme.test",
      },
    ]);
    await expectRefused(() => ops.environment.rename({ ...target, name: "x".repeat(81) }), {
      code: "BAD_REQUEST",
      message: "Invalid input — name: must be at most 80 characters",
    });
  });

  it("delete is refused while protected and while anything is deployed, and then removes the environment and its instances", async () => {
    const ops = await h.as("ops@acme.test");
    await expectRefused(() => ops.environment.delete(ids()), {
      code: "PRECONDITION_FAILED",
      message:
        'protected: "Production" has decommission protection; turn off decommission protection first',
      cause: expect.objectContaining({
        details: {
          fields: {
            protected: [
              '"Production" has decommission protection; turn off decommission protection first',
            ],
          },
        },
      }),
    });

    const env = await fork("doomed", stagingId);
    const target = { projectId, environmentId: env.id };
    const prisma = h.db().prisma;
    const [first] = await instancesOf(env.id);
    const api = await prisma.instance.findFirstOrThrow({
      where: { environmentId: env.id, component: { name: "api" } },
      select: { id: true },
    });
    await prisma.instance.update({
      where: { id: first!.id },
      data: { status: "running", deployedVersion: "1.0.0" },
    });
    await expectRefused(() => ops.environment.delete(target), {
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(
        /^status: "Fork doomed" still has deployed components: .+ \(deployed 1\.0\.0\); decommission them/,
      ),
    });
    await prisma.instance.update({
      where: { id: first!.id },
      data: { status: "draft", deployedVersion: null },
    });
    const deployment = await prisma.deployment.create({
      data: {
        environmentId: env.id,
        instanceId: first!.id,
        action: "destroy",
        status: "succeeded",
      },
      select: { id: true },
    });
    await expectRefused(() => ops.environment.delete(target), {
      code: "PRECONDITION_FAILED",
      message:
        'deployments: "Fork doomed" has a deployment history (1 deployment); deleting it would erase that record',
    });
    await prisma.deployment.delete({ where: { id: deployment.id } });

    // A secret set in the fork goes with it; the audit event counts it, never shows it.
    const canary = `doomed-${randomBytes(8).toString("hex")}`;
    await (await h.as("dev@acme.test")).secret.set({
      projectId,
      componentId: (await prisma.instance.findUniqueOrThrow({ where: { id: api.id } })).componentId,
      environmentId: env.id,
      name: "SESSION_SECRET",
      value: canary,
    });
    const instanceCount = (await instancesOf(env.id)).length;
    const events = await auditCount(h.db());
    expect(await ops.environment.delete(target)).toEqual({ id: env.id, slug: "doomed" });
    expect(await auditCount(h.db())).toBe(events + 1);
    expect(await prisma.environment.count({ where: { id: env.id } })).toBe(0);
    expect(await prisma.instance.count({ where: { environmentId: env.id } })).toBe(0);
    expect(await prisma.secret.count({ where: { instanceId: api.id } })).toBe(0);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment.deleted", targetId: env.id },
      select: { before: true, after: true, environmentId: true },
    });
    expect(event).toEqual({
      environmentId: env.id,
      after: null,
      before: {
        slug: "doomed",
        name: "Fork doomed",
        class: "non_production",
        removedWithIt: [`${instanceCount} instances`, "1 secret", "0 environment defaults"],
      },
    });
    expect(JSON.stringify(event)).not.toContain(canary);
    await expectRefused(() => ops.environment.delete(target), {
      code: "NOT_FOUND",
      message: "environmentId: no such environment in this project",
    });
  });

  it("refuses developers and viewers, writing nothing", async () => {
    const env = await fork("guarded", stagingId);
    const target = { projectId, environmentId: env.id };
    for (const email of ["dev@acme.test", "viewer@acme.test"]) {
      const role = email.startsWith("dev") ? "developer" : "viewer";
      const caller = await h.as(email);
      const forbidden = {
        code: "FORBIDDEN",
        message: `This needs the ops or above role; you are ${role}`,
      };
      await expectRefused(() => caller.environment.rename({ ...target, name: "Nope" }), forbidden);
      await expectRefused(
        () => caller.environment.setClass({ ...target, class: "production" }),
        forbidden,
      );
      await expectRefused(
        () => caller.environment.setProtection({ ...target, protected: true }),
        forbidden,
      );
      await expectRefused(
        () =>
          caller.environment.fork({
            projectId,
            fromEnvironmentId: stagingId,
            slug: "nope",
            name: "Nope",
          }),
        forbidden,
      );
      await expectRefused(() => caller.environment.delete(target), forbidden);
    }
    const denied = await h.db().prisma.auditEvent.count({
      where: {
        outcome: "denied",
        action: { startsWith: "environment." },
        actorLabel: "viewer@acme.test",
      },
    });
    expect(denied).toBe(5);
  });

  it("another organization gets NOT_FOUND, also through its own project", async () => {
    const outsider = await h.as("owner@globex.test");
    const target = { projectId, environmentId: stagingId };
    const notFound = { code: "NOT_FOUND", message: "Project not found" };
    await expectRefused(() => outsider.environment.rename({ ...target, name: "Mine" }), notFound);
    await expectRefused(
      () => outsider.environment.setClass({ ...target, class: "production" }),
      notFound,
    );
    await expectRefused(
      () => outsider.environment.setProtection({ ...target, protected: true }),
      notFound,
    );
    await expectRefused(
      () =>
        outsider.environment.fork({
          projectId,
          fromEnvironmentId: stagingId,
          slug: "stolen",
          name: "Stolen",
        }),
      notFound,
    );
    await expectRefused(() => outsider.environment.delete(target), notFound);

    const billing = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "billing" }, select: { id: true } });
    const elsewhere = {
      code: "NOT_FOUND",
      message: expect.stringMatching(
        /^(environmentId|fromEnvironmentId): no such environment in this project$/,
      ),
    };
    await expectRefused(
      () =>
        outsider.environment.rename({
          projectId: billing.id,
          environmentId: stagingId,
          name: "Mine",
        }),
      elsewhere,
    );
    await expectRefused(
      () =>
        outsider.environment.fork({
          projectId: billing.id,
          fromEnvironmentId: stagingId,
          slug: "stolen",
          name: "Stolen",
        }),
      elsewhere,
    );
    await expectRefused(
      () => outsider.environment.delete({ projectId: billing.id, environmentId: stagingId }),
      elsewhere,
    );
  });
});
