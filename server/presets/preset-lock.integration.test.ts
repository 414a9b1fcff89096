// An ops preset that binds production's database (it locks deletion_protection and narrows
// instance_class, storage and backups) cannot be left by a developer through any write path:
// a canvas edit (another preset, custom values, an older version, removing the component),
// a promotion (whole component or preset pin), or the raw API. An upgrade to a newer version
// of the same preset is fine; ops may re-pin. The built-in Development presets are not allowed
// in production, new production instances start on a preset allowed there, and a fork into
// another environment replaces the pins that environment does not allow.
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";

const PRESET = "Postgres – Production";
const BINDING =
  "which locks deletion_protection and narrows backup.retention_days, instance_class, storage.allocated_gb";

forEachDatabase("preset locks", (h: Harness) => {
  let organizationId = "";
  let projectId = "";
  let staging = "";
  let production = "";
  let db = "";

  beforeAll(async () => {
    expect(await seedDemoDiagram()).toBe(true);
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: {
        id: true,
        organizationId: true,
        environments: { select: { id: true, slug: true } },
      },
    });
    ({ organizationId, id: projectId } = project);
    staging = project.environments.find((e) => e.slug === "staging")!.id;
    production = project.environments.find((e) => e.slug === "production")!.id;
    db = (
      await h.db().prisma.component.findFirstOrThrow({
        where: { projectId, name: "orders-db" },
        select: { id: true },
      })
    ).id;
    // The owner's guardrail: production needs a production preset.
    await (await h.as("owner@acme.test")).preset.setGuardrail({
      organizationId,
      requireProductionPresets: true,
    });
  });

  const current = async () => await (await h.as("viewer@acme.test")).diagram.get({ projectId });
  const shipped = async (name: string) => {
    const { bundles } = await (await h.as("viewer@acme.test")).diagram.catalog({ projectId });
    const preset = bundles
      .find((b) => b.name === "aws-rds-postgres")!
      .presets.find((p) => p.name === name)!;
    return { preset, values: structuredClone(preset.versions[0]!.values) };
  };

  /**
   * The attempt is refused with `message`, and the database (audit trail included) is exactly as it
   * was.
   */
  async function refused(attempt: () => Promise<unknown>, message: string | RegExp) {
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await expect(attempt()).rejects.toThrow(message);
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  }

  async function setDb(
    email: string,
    environment: string,
    config: { params: Record<string, unknown>; preset: string | null; presetVersion?: number },
  ) {
    const { revision } = await current();
    return (await h.as(email)).diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "setInstance", component: db, environment, config }],
    });
  }

  describe("a developer cannot move orders-db off the ops preset", () => {
    it("not to the built-in Development preset (the reported bypass), nor with the lock dropped", async () => {
      const { values } = await shipped("Development");
      await refused(
        () => setDb("dev@acme.test", production, { params: values, preset: "Development" }),
        `ops.0.preset: "orders-db" is pinned to preset "${PRESET}" v1, ${BINDING}; moving it off that preset is an ops action (you are developer)`,
      );
      expect((await current()).diagram.instances[db]![production]).toMatchObject({
        preset: PRESET,
        presetVersion: 1,
        params: { deletion_protection: true, instance_class: "db.r7g.large" },
      });
    });

    it("not to custom values, with the guardrail on or off", async () => {
      const params = {
        ...(await current()).diagram.instances[db]![production]!.params,
        deletion_protection: false,
      };
      const message = `ops.0.preset: "orders-db" is pinned to preset "${PRESET}" v1, ${BINDING}; moving it off that preset is an ops action (you are developer)`;
      await refused(() => setDb("dev@acme.test", production, { params, preset: null }), message);
      await (await h.as("owner@acme.test")).preset.setGuardrail({
        organizationId,
        requireProductionPresets: false,
      });
      try {
        await refused(() => setDb("dev@acme.test", production, { params, preset: null }), message);
      } finally {
        await (await h.as("owner@acme.test")).preset.setGuardrail({
          organizationId,
          requireProductionPresets: true,
        });
      }
    });

    it("not by removing the component", async () => {
      const { revision } = await current();
      await refused(
        async () =>
          (await h.as("dev@acme.test")).diagram.change({
            projectId,
            baseRevision: revision,
            ops: [{ op: "removeComponent", id: db }],
          }),
        `ops.0.id: "orders-db" is pinned to preset "${PRESET}" v1 in production, ${BINDING}; removing it is an ops action (you are developer)`,
      );
    });

    it("accepts the offered upgrade to v2 (a newer version of the same preset), then refuses going back to v1", async () => {
      const { preset } = await shipped(PRESET);
      const v2 = preset.versions.find((v) => v.version === 2)!;
      const v1 = preset.versions.find((v) => v.version === 1)!;
      const events = await auditCount(h.db());
      await setDb("dev@acme.test", production, {
        params: v2.values,
        preset: PRESET,
        presetVersion: 2,
      });
      expect(await auditCount(h.db())).toBe(events + 1);
      const upgraded = await h.db().prisma.auditEvent.findFirstOrThrow({
        where: { projectId },
        orderBy: { seq: "desc" },
        select: { action: true },
      });
      expect(upgraded.action).toBe("instance.preset_upgraded");
      expect((await current()).diagram.instances[db]![production]).toMatchObject({
        preset: PRESET,
        presetVersion: 2,
      });
      await refused(
        () =>
          setDb("dev@acme.test", production, {
            params: v1.values,
            preset: PRESET,
            presetVersion: 1,
          }),
        `ops.0.preset: "orders-db" is pinned to preset "${PRESET}" v2, which locks deletion_protection, multi_az and narrows backup.retention_days, instance_class, storage.allocated_gb; moving it back to v1 is an ops action (you are developer)`,
      );
    });

    it("not through a promotion from staging: neither the whole component nor its preset pin", async () => {
      const dev = await h.as("dev@acme.test");
      for (const kind of ["component", "preset"] as const) {
        const input = {
          projectId,
          from: staging,
          to: production,
          selections: [{ kind, componentId: db }],
        };
        const preview = await dev.promotion.preview(input);
        expect(preview.problem).toMatch(
          /^ops\.0\.preset: "orders-db" is pinned to preset "Postgres – Production" v2, .*; moving it off that preset is an ops action \(you are developer\)$/,
        );
        await refused(
          () => dev.promotion.promote({ ...input, message: `promote the ${kind}` }),
          /"orders-db" is pinned to preset "Postgres – Production" v2, .*moving it off that preset is an ops action \(you are developer\)/,
        );
      }
    });

    it("a developer cannot apply an upgrade to consumers (ops' side of upgrades): refused and recorded as denied, nothing else written", async () => {
      const presetId = (await shipped(PRESET)).preset.id;
      const before = await snapshot(h.db());
      const events = await auditCount(h.db());
      await expect(
        (await h.as("dev@acme.test")).preset.applyUpgrade({ organizationId, presetId, version: 2 }),
      ).rejects.toThrow("This needs the ops or above role; you are developer");
      expect(await snapshot(h.db())).toEqual(before);
      expect(await auditCount(h.db())).toBe(events + 1);
    });
  });

  describe("the built-in Development presets are not production presets", () => {
    it("are declared for non-production environments, and refused in production for everybody", async () => {
      const { preset, values } = await shipped("Development");
      expect(preset.versions[0]!.allowed).toEqual({ classes: ["non_production"] });
      expect((await shipped("Production")).preset.versions[0]!.allowed).toEqual({
        classes: ["production"],
      });
      const { revision } = await current();
      const component = {
        id: "cmp-lock-new-0001",
        name: "reports-db",
        bundle: "aws-rds-postgres",
        version: (await current()).diagram.components.find((c) => c.id === db)!.version,
        x: 0,
        y: 0,
      };
      await refused(
        async () =>
          (await h.as("ops@acme.test")).diagram.change({
            projectId,
            baseRevision: revision,
            ops: [
              {
                op: "addComponent",
                component,
                instances: { [production]: { params: values, preset: "Development" } },
              },
            ],
          }),
        'ops.0.preset: preset "Development" v1 may only be used in non-production environments; production is production',
      );
    });
  });

  describe("a fork respects the target's allowed presets", () => {
    it("forking staging into a production-class environment replaces its Development pins with the bundle's production preset", async () => {
      const events = await auditCount(h.db());
      const forked = await (await h.as("ops@acme.test")).environment.fork({
        projectId,
        fromEnvironmentId: staging,
        slug: "production-eu",
        name: "Production EU",
        class: "production",
      });
      expect(await auditCount(h.db())).toBe(events + 1);
      const { diagram } = await current();
      const production = await shipped("Production");
      expect(diagram.instances[db]![forked.id]).toEqual({
        params: production.values,
        preset: "Production",
        presetVersion: production.preset.versions[0]!.version,
      });
      expect(forked.replaced).toContainEqual({
        component: "orders-db",
        from: "Development v1",
        to: "Production v1",
      });
      expect(forked.replaced.every((r) => r.from.startsWith("Development"))).toBe(true);
      const event = await h.db().prisma.auditEvent.findFirstOrThrow({
        where: { action: "environment.forked", targetId: forked.id },
        select: { after: true },
      });
      expect((event.after as { replaced: unknown[] }).replaced).toEqual(forked.replaced);
      // Nothing in the fork is pinned to a preset production does not allow.
      for (const c of diagram.components)
        expect(diagram.instances[c.id]![forked.id]?.preset, c.name).not.toBe("Development");
    });

    it("forking production into a preview does not copy production-only pins", async () => {
      const forked = await (await h.as("ops@acme.test")).environment.fork({
        projectId,
        fromEnvironmentId: production,
        slug: "preview-7",
        name: "Preview 7",
        class: "non_production",
      });
      const { diagram } = await current();
      expect(diagram.instances[db]![forked.id]).toMatchObject({
        preset: "Development",
        params: { instance_class: "db.t4g.micro" },
      });
      expect(forked.replaced).toContainEqual({
        component: "orders-db",
        from: `${PRESET} v2`,
        to: "Development v1",
      });
    });
  });

  describe("ops may move an instance off a binding preset", () => {
    it("re-pins orders-db to the built-in Production preset and drops the lock, as one audited change", async () => {
      const { values } = await shipped("Production");
      const events = await auditCount(h.db());
      await setDb("ops@acme.test", production, {
        params: { ...values, deletion_protection: false },
        preset: "Production",
      });
      expect(await auditCount(h.db())).toBe(events + 1);
      expect((await current()).diagram.instances[db]![production]).toMatchObject({
        preset: "Production",
        params: { deletion_protection: false },
      });
      // Production is still production: custom values stay refused by the owner's guardrail, for
      // ops too.
      await refused(
        () => setDb("ops@acme.test", production, { params: values, preset: null }),
        "ops.0.preset: production is a production environment: this organization requires a preset allowed in production",
      );
    });
  });
});
