// Presets on both databases: ops author and publish versions with locked and narrowed
// fields and allowed environments; every instance write is checked against the version it
// is pinned to; developers and viewers cannot author; published versions never change;
// upgrades move consumers in one audited change. Every refusal leaves the database as it was.
import { beforeAll, describe, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { preset as shipped, realBundle } from "@/test/real-catalog";

const rds = realBundle("aws-rds-postgres");
const production = shipped(rds, "Production");
let n = 0;
const uid = (prefix: string) => `${prefix}-pre-${(++n).toString().padStart(4, "0")}`;

const rules = {
  deletion_protection: { mode: "locked" as const },
  instance_class: { mode: "narrowed" as const, enum: ["db.r7g.large", "db.r7g.2xlarge"] },
  "storage.allocated_gb": { mode: "narrowed" as const, minimum: 100, maximum: 500 },
};

forEachDatabase("presets", (h: Harness) => {
  let organizationId = "";
  let projectId = "";
  let staging = "";
  let prod = "";
  let presetId = "";
  const db = { id: uid("cmp"), name: "pre-db", bundle: rds.name, version: rds.version, x: 0, y: 0 };
  const name = "Postgres – Production (test)";

  const change = async (email: string, ops: unknown[]) => {
    const caller = await h.as(email);
    const { revision } = await caller.diagram.get({ projectId });
    return caller.diagram.change({ projectId, baseRevision: revision, ops: ops as never });
  };
  const setDb = (environment: string, config: Record<string, unknown>) => ({
    op: "setInstance",
    component: db.id,
    environment,
    config,
  });
  const unchanged = async (attempt: () => Promise<unknown>, message: RegExp | string) => {
    const before = await snapshot(h.db());
    await expect(attempt()).rejects.toThrow(message);
    expect(await snapshot(h.db())).toEqual(before);
  };

  beforeAll(async () => {
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, organizationId: true },
    });
    projectId = project.id;
    organizationId = project.organizationId;
    const envs = (await (await h.as("dev@acme.test")).project.get({ projectId })).environments;
    staging = envs.find((e) => e.class === "non_production")!.id;
    prod = envs.find((e) => e.class === "production")!.id;
    await change("dev@acme.test", [
      {
        op: "addComponent",
        component: db,
        instances: {
          [staging]: { params: production, preset: null },
          [prod]: { params: production, preset: null },
        },
      },
    ]);
  });

  describe("authoring", () => {
    it("refuses developers and viewers, changing nothing", async () => {
      for (const email of ["dev@acme.test", "viewer@acme.test"]) {
        const caller = await h.as(email);
        await unchanged(
          () =>
            caller.preset.create({
              organizationId,
              bundle: rds.name,
              name,
              description: "How we run Postgres in production",
              values: production,
              rules,
            }),
          /needs the ops or above role/,
        );
      }
      const someBuiltIn = (
        await (await h.as("dev@acme.test")).preset.list({ organizationId, bundle: rds.name })
      ).presets[0]!;
      await unchanged(
        async () =>
          (await h.as("dev@acme.test")).preset.publish({
            organizationId,
            presetId: someBuiltIn.id,
          }),
        /needs the ops or above role/,
      );
    });

    it("refuses impossible guardrails naming the field and the rule, changing nothing", async () => {
      const ops = await h.as("ops@acme.test");
      await unchanged(
        () =>
          ops.preset.create({
            organizationId,
            bundle: rds.name,
            name,
            description: "How we run Postgres in production",
            values: production,
            rules: { ...rules, instance_class: { mode: "narrowed", enum: ["db.x9.huge"] } },
          }),
        `rules.instance_class: "db.x9.huge" is not one of the bundle's values`,
      );
      await unchanged(
        () =>
          ops.preset.create({
            organizationId,
            bundle: rds.name,
            name,
            description: "How we run Postgres in production",
            values: {
              ...production,
              storage: { ...(production.storage as object), allocated_gb: 50 },
            },
            rules,
          }),
        /values.storage.allocated_gb: 50 is below the minimum 100/,
      );
      await unchanged(
        () =>
          ops.preset.create({
            organizationId,
            bundle: rds.name,
            name,
            description: "How we run Postgres in production",
            values: { ...production, instance_class: "db.nope" },
            rules: {},
          }),
        /^values\.instance_class/,
      );
    });

    it("refuses a preset or a new version without a description of its own, naming the field", async () => {
      const ops = await h.as("ops@acme.test");
      const attempt = { organizationId, bundle: rds.name, name: "Undescribed", values: production };
      await unchanged(() => ops.preset.create(attempt), /^description: is required/);
      await unchanged(
        () => ops.preset.create({ ...attempt, description: "   " }),
        /^description: is required/,
      );
      // Forking a built-in: its description copied unchanged says what the bundle ships.
      const builtIn = rds.presets.find((p) => p.name === "Production")!;
      await unchanged(
        () => ops.preset.create({ ...attempt, description: ` ${builtIn.description} ` }),
        `description: is the built-in preset "Production"'s description unchanged`,
      );
      const refusal = await ops.preset
        .create({ ...attempt, description: builtIn.description })
        .catch((e: { cause?: { details?: { fields?: unknown } } }) => e.cause?.details?.fields);
      expect(refusal).toEqual({ description: [expect.stringMatching(/^is the built-in preset/)] });
      // A new version (the next draft) is held to the same rule.
      const { id } = await ops.preset.create({ ...attempt, description: "Ours, for load tests" });
      for (const description of ["", builtIn.description]) {
        await unchanged(
          () => ops.preset.saveDraft({ ...attempt, presetId: id, description }),
          /^description: (is required|is the built-in preset)/,
        );
      }
    });

    it("lets ops create a draft, then publish it as v1 (one audit event each); built-in presets are read-only", async () => {
      const ops = await h.as("ops@acme.test");
      const before = await auditCount(h.db());
      const created = await ops.preset.create({
        organizationId,
        bundle: rds.name,
        name,
        description: "How we run Postgres in production",
        values: production,
        rules,
        allowed: { classes: ["production"] },
        rationale: "Protected, sized for load.",
      });
      presetId = created.id;
      expect(created.version).toBe(1);
      // A draft is not usable yet, and developers do not see it.
      const devView = await (await h.as("dev@acme.test")).preset.get({ organizationId, presetId });
      expect(devView.preset.versions).toEqual([]);
      expect((await ops.preset.publish({ organizationId, presetId })).version).toBe(1);
      expect(await auditCount(h.db())).toBe(before + 2);
      const { preset } = await ops.preset.get({ organizationId, presetId });
      expect(preset.versions[0]).toMatchObject({
        version: 1,
        status: "published",
        publishedBy: "ops@acme.test",
        rules,
        allowed: { classes: ["production"] },
      });
      const builtIn = (await ops.preset.list({ organizationId, bundle: rds.name })).presets.find(
        (p) => p.builtIn,
      )!;
      await unchanged(
        () =>
          ops.preset.saveDraft({
            organizationId,
            presetId: builtIn.id,
            name: builtIn.name,
            values: production,
          }),
        /is built in .* read-only/,
      );
    });
  });

  describe("developers using the preset", () => {
    const pinned = (params: Record<string, unknown>) => ({
      params,
      preset: name,
      presetVersion: 1,
    });

    it("pins production to v1 with the preset's values", async () => {
      await change("dev@acme.test", [setDb(prod, pinned(production))]);
      const stored = await (await h.as("dev@acme.test")).diagram.get({ projectId });
      expect(stored.diagram.instances[db.id]![prod]).toMatchObject({
        preset: name,
        presetVersion: 1,
      });
    });

    it("refuses a locked field, a narrowed value and a preset not allowed in the environment, changing nothing", async () => {
      await unchanged(
        () =>
          change("dev@acme.test", [
            setDb(prod, pinned({ ...production, deletion_protection: false })),
          ]),
        `ops.0.params.deletion_protection: is locked to true by preset "${name}" v1`,
      );
      await unchanged(
        () =>
          change("dev@acme.test", [
            setDb(prod, pinned({ ...production, instance_class: "db.t4g.micro" })),
          ]),
        `ops.0.params.instance_class: "db.t4g.micro" is not allowed (allowed: db.r7g.large, db.r7g.2xlarge): narrowed by preset "${name}" v1`,
      );
      await unchanged(
        () =>
          change("dev@acme.test", [
            setDb(
              prod,
              pinned({
                ...production,
                storage: { allocated_gb: 600, max_allocated_gb: 1000, type: "gp3" },
              }),
            ),
          ]),
        /storage.allocated_gb: 600 is above the maximum 500/,
      );
      await unchanged(
        () => change("dev@acme.test", [setDb(staging, pinned(production))]),
        `ops.0.preset: preset "${name}" v1 may only be used in production environments; staging is non-production`,
      );
    });

    it("accepts open fields, and lists them as deviations", async () => {
      await change("dev@acme.test", [
        setDb(prod, pinned({ ...production, multi_az: false, instance_class: "db.r7g.2xlarge" })),
      ]);
      const { consumers } = await (await h.as("viewer@acme.test")).preset.get({
        organizationId,
        presetId,
      });
      expect(consumers).toEqual([
        expect.objectContaining({
          version: 1,
          deviations: 2,
          upgrade: null,
          component: expect.objectContaining({ name: "pre-db" }),
        }),
      ]);
    });

    it("enforces the organization's production-preset guardrail once the owner turns it on", async () => {
      await unchanged(
        async () =>
          (await h.as("ops@acme.test")).preset.setGuardrail({
            organizationId,
            requireProductionPresets: true,
          }),
        /needs the owner role/,
      );
      await (await h.as("owner@acme.test")).preset.setGuardrail({
        organizationId,
        requireProductionPresets: true,
      });
      try {
        // Ops may move an instance off the locked preset, but custom values stay refused in
        // production.
        await unchanged(
          () => change("ops@acme.test", [setDb(prod, { params: production, preset: null })]),
          /production environment: this organization requires a preset allowed in production/,
        );
        await unchanged(
          () => change("dev@acme.test", [setDb(prod, { params: production, preset: null })]),
          /moving it off that preset is an ops action \(you are developer\)/,
        );
        await change("dev@acme.test", [setDb(staging, { params: production, preset: null })]);
      } finally {
        await (await h.as("owner@acme.test")).preset.setGuardrail({
          organizationId,
          requireProductionPresets: false,
        });
      }
    });
  });

  describe("versions and consumers", () => {
    const v2Values = {
      ...production,
      backup: { retention_days: 35, skip_final_snapshot: false },
      performance_insights: false,
    };

    it("keeps published versions immutable: a new draft is v2, and the database refuses edits of v1", async () => {
      const ops = await h.as("ops@acme.test");
      const saved = await ops.preset.saveDraft({
        organizationId,
        presetId,
        name,
        description: "How we run Postgres in production",
        values: v2Values,
        rules: { ...rules, multi_az: { mode: "locked" } },
        allowed: { classes: ["production"] },
        rationale: "35 days of backups.",
      });
      expect(saved.version).toBe(2);
      const v1 = await h.db().prisma.presetVersion.findFirstOrThrow({
        where: { presetId, version: 1 },
        select: { id: true, values: true },
      });
      expect(v1.values).toEqual(production);
      await unchanged(
        () => h.db().prisma.presetVersion.update({ where: { id: v1.id }, data: { values: {} } }),
        /published and immutable/,
      );
      await ops.preset.publish({ organizationId, presetId });
    });

    it("shows each consumer what v2 would change; nothing moves until someone upgrades", async () => {
      const { consumers } = await (await h.as("ops@acme.test")).preset.get({
        organizationId,
        presetId,
      });
      const upgrade = consumers[0]!.upgrade!;
      expect(upgrade.to).toBe(2);
      expect(upgrade.changes.map((c) => [c.path, c.before, c.after])).toEqual([
        ["backup.retention_days", 30, 35],
        ["multi_az", false, true],
        ["performance_insights", true, false],
      ]);
      expect(upgrade.kept).toEqual(["instance_class"]);
      const stored = await (await h.as("dev@acme.test")).diagram.get({ projectId });
      expect(stored.diagram.instances[db.id]![prod]!.presetVersion).toBe(1);
    });

    it("refuses offers and upgrades from developers; ops offer v2, then apply it as one audited change", async () => {
      const dev = await h.as("dev@acme.test");
      await unchanged(
        () => dev.preset.offerUpgrade({ organizationId, presetId, version: 2 }),
        /needs the ops or above role/,
      );
      await unchanged(
        () => dev.preset.applyUpgrade({ organizationId, presetId, version: 2 }),
        /needs the ops or above role/,
      );
      const ops = await h.as("ops@acme.test");
      await ops.preset.offerUpgrade({ organizationId, presetId, version: 2 });
      const catalog = await dev.diagram.catalog({ projectId });
      expect(
        catalog.bundles.find((b) => b.name === rds.name)!.presets.find((p) => p.name === name)!
          .versions[0],
      ).toMatchObject({ version: 2, offered: true });
      const before = await auditCount(h.db());
      expect(await ops.preset.applyUpgrade({ organizationId, presetId, version: 2 })).toEqual({
        upgraded: 1,
      });
      expect(await auditCount(h.db())).toBe(before + 1);
      const config = (await dev.diagram.get({ projectId })).diagram.instances[db.id]![prod]!;
      expect(config).toMatchObject({
        presetVersion: 2,
        params: expect.objectContaining({
          multi_az: true,
          instance_class: "db.r7g.2xlarge",
          performance_insights: false,
        }),
      });
      const event = await h.db().prisma.auditEvent.findFirstOrThrow({
        where: { action: "preset.upgrade_applied" },
        orderBy: { seq: "desc" },
        select: { after: true },
      });
      expect(JSON.stringify(event.after)).toContain('"path":"multi_az"');
      await unchanged(
        () => ops.preset.applyUpgrade({ organizationId, presetId, version: 2 }),
        /no chosen instance is on a version older than v2/,
      );
    });
  });

  it("hides another organization's presets (NOT_FOUND) and refuses its writes, changing nothing", async () => {
    const globex = await h.as("owner@globex.test");
    await unchanged(
      () => globex.preset.get({ organizationId, presetId }),
      /Organization not found/,
    );
    const own = (
      await h
        .db()
        .prisma.organization.findFirstOrThrow({ where: { slug: "globex" }, select: { id: true } })
    ).id;
    await unchanged(() => globex.preset.get({ organizationId: own, presetId }), /Preset not found/);
    await unchanged(
      () => globex.preset.publish({ organizationId: own, presetId }),
      /Preset not found/,
    );
  });
});
