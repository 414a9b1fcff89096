// The catalog sync on both databases: loads everything, is idempotent, refuses a published
// version whose definition changed, and the catalog procedures enforce roles.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot } from "@/test/integration";
import { massdriverFixtures } from "@/test/mutation-cases";
import { catalogRoot } from "./root";
import { syncCatalog } from "./sync";
import { reloadEnv } from "@/server/env";

const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-catalog-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

forEachDatabase("catalog sync", (h) => {
  async function acmeId() {
    const row = await h
      .db()
      .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
    return row.id;
  }

  it("the harness sync loaded all 19 bundles, 17 artifact types and the shipped presets, audited once", async () => {
    const p = h.db().prisma;
    expect(await p.bundle.count()).toBe(19);
    expect(await p.bundleVersion.count()).toBe(19);
    expect(await p.artifactType.count()).toBe(17);
    const rds = await p.preset.findMany({
      where: { bundleName: "aws-rds-postgres", organizationId: null },
      select: { name: true, builtIn: true, versions: { select: { version: true, status: true } } },
    });
    expect(rds.map((r) => r.name).sort()).toEqual(["Development", "Production"]);
    expect(
      rds.every(
        (r) => r.builtIn && r.versions.length === 1 && r.versions[0]!.status === "published",
      ),
    ).toBe(true);
    const events = await p.auditEvent.findMany({
      where: { action: "catalog.synced" },
      select: { actorType: true, actorLabel: true, organizationId: true, after: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "system",
      actorLabel: "catalog-sync",
      organizationId: null,
    });
    expect((events[0]!.after as { bundleVersions: string[] }).bundleVersions).toContain(
      "aws-rds-postgres@1.0.0",
    );
  });

  it("a second sync changes nothing and writes no audit event", async () => {
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    const result = await syncCatalog(catalogRoot());
    expect(result.changed).toBe(false);
    expect(result.errors).toEqual([]);
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("a changed definition at a published version is refused, the old row kept, the rest still synced", async () => {
    const root = path.join(tmp, h.kind);
    cpSync(catalogRoot(), root, { recursive: true });
    const file = path.join(root, "aws-rds-postgres", "bundle.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        /^description: .*$/m,
        "description: Edited after publishing.",
      ),
    );
    const sqs = path.join(root, "aws-sqs-queue", "bundle.yaml");
    writeFileSync(sqs, readFileSync(sqs, "utf8").replace(/^version: 1\.0\.0$/m, "version: 1.1.0"));
    const p = h.db().prisma;
    const rdsBefore = await p.bundleVersion.findFirstOrThrow({
      where: { bundle: { name: "aws-rds-postgres" } },
      select: { digest: true, definition: true },
    });

    const result = await syncCatalog(root);

    expect(result.errors).toEqual([
      expect.objectContaining({
        rule: "published-version-changed",
        message: "bundle aws-rds-postgres@1.0.0 changed after it was published: bump its version",
      }),
    ]);
    expect(result.added.bundleVersions).toEqual(["aws-sqs-queue@1.1.0"]);
    const rdsAfter = await p.bundleVersion.findMany({
      where: { bundle: { name: "aws-rds-postgres" } },
      select: { digest: true, definition: true },
    });
    expect(rdsAfter).toEqual([rdsBefore]);
    const viewer = await h.as("viewer@acme.test");
    const list = await viewer.catalog.list({ organizationId: await acmeId(), q: "sqs" });
    expect(list.find((b) => b.name === "aws-sqs-queue")?.version).toBe("1.1.0");
    // Same directory again: still refused, nothing more written.
    const events = await auditCount(h.db());
    expect((await syncCatalog(root)).changed).toBe(false);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("a viewer lists, searches and filters the catalog and opens a bundle", async () => {
    const organizationId = await acmeId();
    const viewer = await h.as("viewer@acme.test");
    expect(await viewer.catalog.list({ organizationId })).toHaveLength(19);
    const postgres = await viewer.catalog.list({ organizationId, q: "postgres" });
    expect(postgres.map((b) => b.name)).toContain("aws-rds-postgres");
    const databases = await viewer.catalog.list({ organizationId, category: "Databases" });
    expect(databases.every((b) => b.category === "Databases")).toBe(true);
    expect((await viewer.catalog.categories({ organizationId })).map((c) => c.name)).toContain(
      "Databases",
    );
    expect(await viewer.catalog.artifactTypes({ organizationId })).toHaveLength(17);

    const rds = await viewer.catalog.bundle({ organizationId, name: "aws-rds-postgres" });
    expect(rds.inputs.map((s) => s.type)).toEqual(["aws-iam-role", "aws-vpc"]);
    expect(rds.outputTypes[0]?.policies.map((p) => p.id)).toEqual([
      "read-only",
      "read-write",
      "admin",
    ]);
    expect(rds.presets.map((p) => p.name)).toEqual(["Development", "Production"]);
    await expect(
      viewer.catalog.bundle({ organizationId, name: "no-such-bundle" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const outsider = await h.as("owner@globex.test");
    await expect(outsider.catalog.list({ organizationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a developer is refused importPreview; ops gets a dry run that writes nothing", async () => {
    const organizationId = await acmeId();
    const fixtures = massdriverFixtures();
    const before = await snapshot(h.db());
    const dev = await h.as("dev@acme.test");
    await expect(
      dev.catalog.importPreview({ organizationId, path: fixtures }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This needs the ops or above role; you are developer",
    });
    const ops = await h.as("ops@acme.test");
    await expect(ops.catalog.importPreview({ organizationId, path: "/etc" })).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
        message: "path: must be inside the catalog or a directory listed in PATCHBAY_IMPORT_ROOTS",
      },
    );
    process.env.PATCHBAY_IMPORT_ROOTS = fixtures;
    reloadEnv();
    const preview = await ops.catalog.importPreview({ organizationId, path: fixtures });
    expect(preview.bundles.length + preview.artifactTypes.length).toBeGreaterThan(0);
    expect(await snapshot(h.db())).toEqual(before);
  });
});

forEachDatabase("catalog import", (h) => {
  it("ops imports the Massdriver fixtures as new catalog entries; developers and re-imports are refused and change nothing", async () => {
    const { id: organizationId } = await h
      .db()
      .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
    const fixtures = massdriverFixtures();
    const dev = await h.as("dev@acme.test");
    const ops = await h.as("ops@acme.test");

    let before = await snapshot(h.db());
    await expect(dev.catalog.import({ organizationId, path: fixtures })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await snapshot(h.db())).toEqual(before);

    const events = await auditCount(h.db());
    const result = await ops.catalog.import({ organizationId, path: fixtures });
    expect(await auditCount(h.db())).toBe(events + 1);
    expect(result.added.bundleVersions.length).toBeGreaterThan(0);
    expect(result.added.artifactTypes.length).toBeGreaterThan(0);
    // Names the shipped catalog owns (aws-rds-postgres, postgresql …) are skipped and reported, not
    // versioned over.
    expect(result.added.bundleVersions.some((b) => b.startsWith("aws-rds-postgres@"))).toBe(false);
    expect(
      result.warnings.some(
        (w) =>
          w.message === 'bundle "aws-rds-postgres" already exists in the catalog; not imported',
      ),
    ).toBe(true);
    const rds = await ops.catalog.bundle({ organizationId, name: "aws-rds-postgres" });
    expect(rds.source).toBe("patchbay");

    const listed = await dev.catalog.list({ organizationId });
    const imported = listed.filter((b) => b.source === "massdriver");
    expect(imported.map((b) => `${b.name}@${b.version}`).sort()).toEqual(
      [...result.added.bundleVersions].sort(),
    );
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "catalog.imported" },
      select: { actorLabel: true, organizationId: true },
    });
    expect(event).toEqual({ actorLabel: "ops@acme.test", organizationId });

    before = await snapshot(h.db());
    await expect(ops.catalog.import({ organizationId, path: fixtures })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^path: nothing to import/),
    });
    expect(await snapshot(h.db())).toEqual(before);
  });
});
