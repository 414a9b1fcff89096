// Real Massdriver bundles through the Catalog's import (test/fixtures/massdriver-import, one bundle
// per failure class): type URLs resolve against types imported first, a missing type is an error
// naming file, path and type and writes nothing, partial presets import and leave the required
// field to the developer (who cannot deploy without it), unknown ui:order entries are dropped with
// a warning, and operator.md is stored with the version and returned as its runbook.
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { reloadEnv } from "@/server/env";
import { auditCount, forEachDatabase, snapshot } from "@/test/integration";

const fixtures = path.resolve(process.cwd(), "test/fixtures/massdriver-import");
const saved = process.env.PATCHBAY_IMPORT_ROOTS;
afterEach(() => {
  process.env.PATCHBAY_IMPORT_ROOTS = saved;
  reloadEnv();
});

forEachDatabase("catalog import of Massdriver failure classes", (h) => {
  const acme = async () =>
    (
      await h
        .db()
        .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } })
    ).id;
  const allow = () => {
    process.env.PATCHBAY_IMPORT_ROOTS = fixtures;
    reloadEnv();
  };

  it("a type URL with no imported type is an error naming file, path and type, and writes nothing", async () => {
    allow();
    const organizationId = await acme();
    const ops = await h.as("ops@acme.test");
    const target = path.join(fixtures, "bundles/aws-sns-fanout");
    const preview = await ops.catalog.importPreview({ organizationId, path: target });
    expect(preview.bundles).toEqual([]);
    expect(preview.errors).toEqual([
      expect.objectContaining({
        file: path.join(target, "massdriver.yaml"),
        path: "/params/properties/region/$ref",
        rule: "ref-type-missing",
        message: expect.stringContaining('Massdriver type "aws-region" is not imported'),
      }),
    ]);
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await expect(ops.catalog.import({ organizationId, path: target })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^path: nothing to import/),
    });
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("types imported first resolve the URL later; the other classes import with their warnings", async () => {
    allow();
    const organizationId = await acme();
    const ops = await h.as("ops@acme.test");
    const types = await ops.catalog.import({
      organizationId,
      path: path.join(fixtures, "definitions"),
    });
    expect(types.added.massdriverTypes).toEqual(["aws-region"]);

    const dir = path.join(fixtures, "bundles");
    const file = (name: string) => path.join(dir, name, "massdriver.yaml");
    const preview = await ops.catalog.importPreview({ organizationId, path: dir });
    expect(preview.errors).toEqual([]);
    // Every class is seen before anyone confirms.
    expect(preview.warnings).toEqual(
      expect.arrayContaining([
        {
          file: file("aws-sqs-fifo"),
          path: "/params/examples/0",
          message: expect.stringContaining(
            'preset "High throughput" does not set required "queue_name"',
          ),
        },
        {
          file: file("aws-dynamodb-table"),
          path: "/ui/ui:order/1",
          message: 'dropped "point_in_time_recovery" from ui:order: the params have no such field',
        },
      ]),
    );
    const result = await ops.catalog.import({ organizationId, path: dir });
    expect(result.added.bundleVersions.sort()).toEqual([
      "aws-dynamodb-table@1.0.0",
      "aws-ecs-service@1.0.0",
      "aws-sns-fanout@1.0.0",
      "aws-sqs-fifo@1.0.0",
    ]);
    expect(result.warnings).toEqual(expect.arrayContaining(preview.warnings));

    const viewer = await h.as("viewer@acme.test");
    const sns = await viewer.catalog.bundle({ organizationId, name: "aws-sns-fanout" });
    expect((sns.params.properties as { region: { enum: string[] } }).region.enum).toContain(
      "us-west-2",
    );
    const table = await viewer.catalog.bundle({ organizationId, name: "aws-dynamodb-table" });
    expect(table.ui["ui:order"]).toEqual(["billing_mode", "hash_key", "*"]);
    const ecs = await viewer.catalog.bundle({ organizationId, name: "aws-ecs-service" });
    expect(ecs.runbook).toMatch(/^# AWS ECS Service\n/);
    expect(table.runbook).toBeNull();
    // The runbook is stored beside the version, not in the definition every canvas reads.
    const row = await h.db().prisma.bundleVersion.findFirstOrThrow({
      where: { bundle: { name: "aws-ecs-service", organizationId }, version: "1.0.0" },
      select: { runbook: true, definition: true },
    });
    expect(row.runbook).toBe(ecs.runbook);
    expect(row.definition).not.toHaveProperty("runbook");
    const fifo = await viewer.catalog.bundle({ organizationId, name: "aws-sqs-fifo" });
    expect(fifo.presets.map((p) => [p.name, p.values])).toEqual([
      ["High throughput", { visibility_timeout: 30, high_throughput: true }],
    ]);
  });

  it("a partial preset leaves the required field to the developer: refused until filled, and deployment blocked without it", async () => {
    const projectId = (
      await h
        .db()
        .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } })
    ).id;
    const dev = await h.as("dev@acme.test");
    const staging = (await dev.project.get({ projectId })).environments.find(
      (e) => e.slug === "staging",
    )!.id;
    const { revision } = await dev.diagram.get({ projectId });
    const component = {
      id: "cmp-md-fifo",
      name: "orders-fifo",
      bundle: "aws-sqs-fifo",
      version: "1.0.0",
      x: 0,
      y: 0,
    };
    const added = await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "addComponent", component }],
    });
    // Never edited: the component starts from the partial preset, and cannot deploy.
    await expect(
      dev.deployment.request({
        projectId,
        componentId: component.id,
        environmentId: staging,
        action: "plan",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(
        'params.queue_name: required param "queue_name" is not set in staging',
      ),
    });
    const preset = { preset: "High throughput" };
    // What the form holds: the preset layered over the form's defaults, queue_name still empty.
    const partial = {
      visibility_timeout: 30,
      message_retention_seconds: 345600,
      high_throughput: true,
    };
    await expect(
      dev.diagram.change({
        projectId,
        baseRevision: added.revision,
        ops: [
          {
            op: "setInstance",
            component: component.id,
            environment: staging,
            config: { params: partial, ...preset },
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("queue_name"),
    });
    const filled = await dev.diagram.change({
      projectId,
      baseRevision: added.revision,
      ops: [
        {
          op: "setInstance",
          component: component.id,
          environment: staging,
          config: { params: { ...partial, queue_name: "orders.fifo" }, ...preset },
        },
      ],
    });
    expect(filled.revision).toBeGreaterThan(added.revision);
  });
});
