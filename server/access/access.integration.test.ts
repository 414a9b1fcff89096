// The access procedures on both databases: a link grants only the policies chosen for it in
// each environment, the server refuses policies the producer does not offer, sensitive
// values are masked, and only owner/ops can reveal one — which is audited.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot, type Harness } from "@/test/integration";
import type { resolveForView } from "./service";

type Resolved = Awaited<ReturnType<typeof resolveForView>>;

let n = 0;
const uid = (prefix: string) => `${prefix}-acc-${(++n).toString().padStart(4, "0")}`;

forEachDatabase("access", (h: Harness) => {
  let projectId = "";
  let envs: { id: string; name: string }[] = [];
  const db = {
    id: uid("cmp"),
    name: "acc-db",
    bundle: "local-postgres-database",
    version: "1.0.0",
    x: 0,
    y: 0,
  };
  const app = {
    id: uid("cmp"),
    name: "acc-app",
    bundle: "local-process",
    version: "1.2.0",
    x: 300,
    y: 0,
  };
  const link = uid("lnk");

  beforeAll(async () => {
    const dev = await h.as("dev@acme.test");
    projectId = (
      await h
        .db()
        .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } })
    ).id;
    envs = (await dev.project.get({ projectId })).environments;
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        { op: "addComponent", component: db },
        { op: "addComponent", component: app },
        {
          op: "addLink",
          link: {
            id: link,
            from: db.id,
            fromArtifact: "database",
            to: app.id,
            toSlot: "database",
            policies: ["read-only"],
          },
        },
      ],
    });
  });

  const choose = (policies: string[], environment = envs[1]!.id) => ({
    op: "setLinkPolicy" as const,
    link,
    environment,
    policies,
  });

  it("grants only the policies chosen for the link in each environment", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({ projectId, baseRevision: revision, ops: [choose(["read-write"])] });
    // The choice is the link's own: the consumer's configuration is not written.
    expect(await h.db().prisma.instance.count({ where: { componentId: app.id, projectId } })).toBe(
      0,
    );
    const [staging, production] = (await Promise.all(
      envs
        .slice(0, 2)
        .map((e) => dev.access.resolve({ projectId, componentId: app.id, environmentId: e.id })),
    )) as [Resolved, Resolved];
    const sql = (r: typeof staging) =>
      (
        r.grants.find((g) => g.linkId === link)!.grants.postgresql as { statements: string[] }
      ).statements.join("\n");
    expect(staging.grants.find((g) => g.linkId === link)!.policies.map((p) => p.id)).toEqual([
      "read-only",
    ]);
    expect(sql(staging)).toContain("GRANT SELECT ON ALL TABLES");
    expect(sql(staging)).not.toMatch(/INSERT|UPDATE|DELETE/);
    expect(sql(production)).toMatch(/INSERT, UPDATE, DELETE/);
    expect(
      production.radius.outgoing.find((l) => l.linkId === link)!.policies.map((p) => p.id),
    ).toEqual(["read-write"]);
    // Nothing is deployed: the payload is a preview and DATABASE_URL, which needs the password, is
    // not known yet.
    const url = staging.env.find((v) => v.name === "DATABASE_URL")!;
    expect(url).toMatchObject({ sensitive: true, value: null });
    expect(staging.connections.find((c) => c.slot === "database")).toMatchObject({ preview: true });
    expect(staging.metadata.name_prefix).toMatch(/^ecommerce-api-staging-acc-app-[a-z0-9]{4}$/);
  });

  it("lists every component's plan blockers in one call, as each one's own resolution does", async () => {
    const viewer = await h.as("viewer@acme.test");
    const environmentId = envs[1]!.id;
    const all = await viewer.access.blockers({ projectId, environmentId });
    const { diagram } = await viewer.diagram.get({ projectId });
    for (const c of diagram.components) {
      const one = await viewer.access.resolve({ projectId, componentId: c.id, environmentId });
      const fields = one.problems.map((p) =>
        p.rule === "missing-secret" ? `secrets.${p.slot}` : `connections.${p.slot}`,
      );
      expect(all.find((b) => b.componentId === c.id)?.blockers.map((b) => b.field) ?? []).toEqual(
        fields,
      );
    }
  });

  it("refuses a policy the producer does not offer, changing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    const before = await snapshot(h.db());
    await expect(
      dev.diagram.change({ projectId, baseRevision: revision, ops: [choose(["superuser"])] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: `ops.0.policies: "superuser" is not a policy postgresql offers (read-only, read-write, admin)`,
    });
    expect(await snapshot(h.db())).toEqual(before);
  });

  it("lets only owner and ops reveal, and another organization read nothing", async () => {
    const target = { projectId, componentId: app.id, environmentId: envs[0]!.id };
    const before = await snapshot(h.db());
    for (const email of ["viewer@acme.test", "dev@acme.test"]) {
      await expect(
        (await h.as(email)).access.reveal({ ...target, name: "PATCHBAY_COMPONENT" }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const outsider = await h.as("owner@globex.test");
    await expect(outsider.access.resolve(target)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      outsider.access.reveal({ ...target, name: "PATCHBAY_COMPONENT" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await snapshot(h.db())).toEqual(before);

    const ops = await h.as("ops@acme.test");
    expect(await ops.access.reveal({ ...target, name: "PATCHBAY_COMPONENT" })).toEqual({
      name: "PATCHBAY_COMPONENT",
      value: "acc-app",
    });
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "env.revealed" },
      orderBy: { seq: "desc" },
      select: { componentId: true, after: true },
    });
    expect(event).toMatchObject({
      componentId: app.id,
      after: { variable: "PATCHBAY_COMPONENT", component: "acc-app" },
    });
  });

  it("carries recorded outputs instead of a preview: DATABASE_URL is masked, only ops reveal it, and the password is nowhere else", async () => {
    const password = `canary-${Math.random().toString(36).slice(2)}-pw`;
    const target = { projectId, componentId: app.id, environmentId: envs[0]!.id };
    const ops = await h.as("ops@acme.test");
    const payload = {
      hostname: "db.internal",
      port: 5432,
      database: "orders",
      username: "app",
      password,
      version: "16",
      sslmode: "require",
    };
    const refused = {
      ...target,
      componentId: db.id,
      slot: "database",
      payload: { ...payload, port: "x" },
    };
    await expect(ops.access.recordOutputs(refused)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("payload.port: must be integer"),
    });
    await expect(
      (await h.as("dev@acme.test")).access.recordOutputs({ ...refused, payload }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await ops.access.recordOutputs({ ...target, componentId: db.id, slot: "database", payload });

    const seen = await (await h.as("dev@acme.test")).access.resolve(target);
    expect(seen.connections.find((c) => c.slot === "database")).toMatchObject({
      preview: false,
      payload: { hostname: "db.internal", database: "orders" },
    });
    expect(seen.env.find((v) => v.name === "DATABASE_URL")).toMatchObject({
      sensitive: true,
      masked: true,
      value: null,
    });
    expect(JSON.stringify(seen)).not.toContain(password);
    const revealed = await ops.access.reveal({ ...target, name: "DATABASE_URL" });
    expect(revealed.value).toBe(
      `postgresql://app:${password}@db.internal:5432/orders?sslmode=require`,
    );

    // The Code tab: the tfvars a deployment receives, to any viewer, the password by name only.
    const code = await (await h.as("viewer@acme.test")).access.code(target);
    expect(code.files.map((f) => f.name)).toEqual([
      "_params.auto.tfvars.json",
      "_connections.auto.tfvars.json",
      "_metadata.auto.tfvars.json",
    ]);
    const connections = JSON.parse(code.files[1]!.content);
    expect(connections.database).toMatchObject({
      hostname: "db.internal",
      database: "orders",
      password: "(secret database.password)",
      grants: [{ postgresql: { statements: expect.arrayContaining([expect.any(String)]) } }],
    });
    expect(code.withheld).toContain("database.password");
    expect(JSON.stringify(code)).not.toContain(password);
    expect(JSON.parse(code.files[2]!.content).md_metadata.name_prefix).toBe(
      seen.metadata.name_prefix,
    );
    await expect((await h.as("owner@globex.test")).access.code(target)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    const dump = await h
      .db()
      .sql.query<{ row: string }>(
        `SELECT t::text AS row FROM "Artifact" t UNION ALL SELECT t::text FROM "AuditEvent" t`,
      );
    expect(dump.some((r) => r.row.includes(password))).toBe(false);
  });

  it("fills a slot without a link from the environment's default, like a link, in that environment only", async () => {
    const [staging, production] = envs;
    const secret = `canary-${Math.random().toString(36).slice(2)}-redis`;
    const ops = await h.as("ops@acme.test");
    await ops.environmentDefault.add({
      environmentId: staging!.id,
      name: "shared-cache",
      type: "redis",
      payload: {
        hostname: "cache.internal",
        port: 6379,
        tls: true,
        password: secret,
        key_prefix: "acc:",
      },
    });
    const dev = await h.as("dev@acme.test");
    const seen = await dev.access.resolve({
      projectId,
      componentId: app.id,
      environmentId: staging!.id,
    });
    expect(seen.connections.find((c) => c.slot === "cache")).toMatchObject({
      source: { kind: "environment-default", name: "shared-cache" },
      preview: false,
    });
    expect(seen.grants.find((g) => g.slot === "cache")).toMatchObject({
      linkId: null,
      source: { kind: "environment-default", name: "shared-cache" },
    });
    expect(seen.env.find((v) => v.name === "REDIS_URL")).toMatchObject({
      masked: true,
      value: null,
    });
    expect(seen.env.find((v) => v.name === "REDIS_KEY_PREFIX")).toMatchObject({ value: "acc:" });
    expect(JSON.stringify(seen)).not.toContain(secret);
    const other = await dev.access.resolve({
      projectId,
      componentId: app.id,
      environmentId: production!.id,
    });
    expect(other.connections.find((c) => c.slot === "cache")?.source).toBeNull();
  });
});
