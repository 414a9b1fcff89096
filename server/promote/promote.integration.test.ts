// Promote on both databases: chosen differences move from one environment to another as one
// audited change with its message; the target's preset locks are enforced (a locked field
// cannot be promoted over) and a refusal, or a viewer, changes nothing.
import { beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";

forEachDatabase("promote", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  let ordersDb = "";
  let apiLink = "";

  beforeAll(async () => {
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, organizationId: true },
    });
    projectId = project.id;
    const dev = await h.as("dev@acme.test");
    const envs = (await dev.project.get({ projectId })).environments;
    staging = envs.find((e) => e.slug === "staging")!.id;
    production = envs.find((e) => e.slug === "production")!.id;
    // Production's database is pinned to an ops preset that locks deletion protection.
    const catalog = await dev.diagram.catalog({ projectId });
    const rds = catalog.bundles.find((b) => b.name === "aws-rds-postgres")!;
    const app = catalog.bundles.find(
      (b) => b.name === "local-process" && b.inputs.some((i) => i.key === "database"),
    )!;
    const shipped = (name: string) => rds.presets.find((p) => p.name === name)!.versions[0]!.values;
    const ops = await h.as("ops@acme.test");
    const { id: presetId } = await ops.preset.create({
      organizationId: project.organizationId,
      bundle: rds.name,
      name: "Locked prod",
      description: "Production, deletion protection locked",
      values: shipped("Production"),
      rules: { deletion_protection: { mode: "locked" } },
    });
    await ops.preset.publish({ organizationId: project.organizationId, presetId });
    ordersDb = "cmp-promote-db-0001";
    const api = "cmp-promote-app-0001";
    apiLink = "lnk-promote-0001";
    const appConfig = { params: app.presets[0]!.versions[0]!.values, preset: app.presets[0]!.name };
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: {
            id: ordersDb,
            name: "orders-db",
            bundle: rds.name,
            version: rds.version,
            x: 0,
            y: 0,
          },
          instances: {
            [staging]: { params: shipped("Development"), preset: "Development" },
            [production]: { params: shipped("Production"), preset: "Locked prod" },
          },
        },
        {
          op: "addComponent",
          component: { id: api, name: "api", bundle: app.name, version: app.version, x: 300, y: 0 },
          instances: { [staging]: appConfig, [production]: appConfig },
        },
        {
          op: "addLink",
          link: {
            id: apiLink,
            from: ordersDb,
            fromArtifact: "database",
            to: api,
            toSlot: "database",
            policies: ["read-only"],
          },
        },
        { op: "setLinkPolicy", link: apiLink, environment: production, policies: ["read-write"] },
      ],
    });
  });

  const unchanged = async (attempt: () => Promise<unknown>, message: RegExp | string) => {
    const before = await snapshot(h.db());
    await expect(attempt()).rejects.toThrow(message);
    expect(await snapshot(h.db())).toEqual(before);
  };

  it("refuses to promote over a field the target's preset locks, in the preview and for real, changing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const input = {
      projectId,
      from: staging,
      to: production,
      selections: [
        { kind: "param" as const, componentId: ordersDb, segments: ["deletion_protection"] },
      ],
    };
    const preview = await dev.promotion.preview(input);
    expect(preview.changes).toEqual([
      { component: "orders-db", what: "params.deletion_protection", before: true, after: false },
    ]);
    expect(preview.problem).toBe(
      'ops.0.params.deletion_protection: is locked to true by preset "Locked prod" v1',
    );
    await unchanged(
      () => dev.promotion.promote({ ...input, message: "try to unprotect" }),
      "is locked to true by preset",
    );
  });

  it("refuses a viewer and another organization, changing nothing", async () => {
    const input = {
      projectId,
      from: production,
      to: staging,
      selections: [{ kind: "link" as const, linkId: apiLink }],
      message: "viewer try",
    };
    await unchanged(
      async () => (await h.as("viewer@acme.test")).promotion.promote(input),
      /needs the developer or above role/,
    );
    await unchanged(
      async () => (await h.as("owner@globex.test")).promotion.promote(input),
      /Project not found/,
    );
  });

  it("promotes a field and a link's policy choice as one audited change with its message", async () => {
    const dev = await h.as("dev@acme.test");
    const before = await auditCount(h.db());
    const result = await dev.promotion.promote({
      projectId,
      from: production,
      to: staging,
      selections: [
        { kind: "param", componentId: ordersDb, segments: ["backup", "retention_days"] },
        { kind: "link", linkId: apiLink },
      ],
      message: "staging keeps backups like production, and the API may write",
    });
    expect(result.changes).toBe(2);
    expect(await auditCount(h.db())).toBe(before + 1);
    const { diagram } = await dev.diagram.get({ projectId });
    expect(
      (diagram.instances[ordersDb]![staging]!.params.backup as { retention_days: number })
        .retention_days,
    ).toBe(30);
    expect(diagram.links.find((l) => l.id === apiLink)!.policiesIn?.[staging]).toEqual([
      "read-write",
    ]);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment.promoted" },
      orderBy: { seq: "desc" },
      select: { after: true, environmentId: true },
    });
    expect(event.environmentId).toBe(staging);
    expect(event.after).toMatchObject({
      message: "staging keeps backups like production, and the API may write",
      from: "production",
      to: "staging",
    });
    expect((event.after as { changes: unknown[] }).changes).toHaveLength(2);
  });
});
