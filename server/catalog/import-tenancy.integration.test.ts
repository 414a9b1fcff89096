// Imported bundles and artifact types belong to the importing organization: its members
// (viewers included) see them, other organizations never do — not in the catalog, the
// palette, the diagram rules or presets — and only the importer's audit trail records it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { reloadEnv } from "@/server/env";

const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-tenancy-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

beforeAll(() => {
  mkdirSync(path.join(tmp, "tenant-signal"), { recursive: true });
  writeFileSync(
    path.join(tmp, "tenant-signal", "massdriver.yaml"),
    "name: tenant-signal\nlabel: Tenant signal\nschema:\n  type: object\n  properties:\n    url:\n      type: string\n",
  );
  mkdirSync(path.join(tmp, "tenant-widget"), { recursive: true });
  writeFileSync(
    path.join(tmp, "tenant-widget", "massdriver.yaml"),
    [
      "schema: draft-07",
      "name: tenant-widget",
      "description: A widget only its importer may see",
      "version: 1.0.0",
      "params:",
      "  examples:",
      "    - __name: Small",
      "      size: small",
      "  properties:",
      "    size:",
      "      type: string",
      "      default: small",
      "      enum: [small, large]",
      "connections:",
      "  properties: {}",
      "artifacts:",
      "  required: [signal]",
      "  properties:",
      "    signal:",
      "      $ref: tenant-signal",
      "steps:",
      "  - path: src",
      "    provisioner: opentofu",
      "",
    ].join("\n"),
  );
});

const saved = process.env.PATCHBAY_IMPORT_ROOTS;
afterEach(() => {
  process.env.PATCHBAY_IMPORT_ROOTS = saved;
  reloadEnv();
});

forEachDatabase("catalog import tenancy", (h: Harness) => {
  const org = async (slug: string) =>
    (await h.db().prisma.organization.findUniqueOrThrow({ where: { slug }, select: { id: true } }))
      .id;
  const orgEvents = async (organizationId: string) =>
    h.db().prisma.auditEvent.count({ where: { organizationId } });

  it("an import by Acme's ops is Acme's: its viewer sees it, Globex sees nothing of it and its audit trail is unchanged", async () => {
    process.env.PATCHBAY_IMPORT_ROOTS = tmp;
    reloadEnv();
    const [acme, globex] = [await org("acme"), await org("globex")];
    const globexEventsBefore = await orgEvents(globex);
    const acmeEventsBefore = await orgEvents(acme);

    const result = await (await h.as("ops@acme.test")).catalog.import({
      organizationId: acme,
      path: tmp,
    });
    expect(result.added.bundleVersions).toEqual(["tenant-widget@1.0.0"]);
    expect(result.added.artifactTypes.map((t) => t.split("@")[0])).toEqual(["tenant-signal"]);
    expect(await orgEvents(acme)).toBe(acmeEventsBefore + 1);
    expect(await orgEvents(globex)).toBe(globexEventsBefore);

    // Acme's viewer: catalog list, search, detail, types and the palette.
    const viewer = await h.as("viewer@acme.test");
    expect((await viewer.catalog.list({ organizationId: acme })).map((b) => b.name)).toContain(
      "tenant-widget",
    );
    expect(
      (await viewer.catalog.list({ organizationId: acme, q: "tenant" })).map((b) => b.name),
    ).toEqual(["tenant-widget"]);
    expect(
      (await viewer.catalog.bundle({ organizationId: acme, name: "tenant-widget" })).presets.map(
        (p) => p.name,
      ),
    ).toEqual(["Small"]);
    expect(
      (await viewer.catalog.artifactTypes({ organizationId: acme })).map((t) => t.name),
    ).toContain("tenant-signal");
    const acmeProject = (
      await h
        .db()
        .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } })
    ).id;
    const acmePalette = await viewer.diagram.catalog({ projectId: acmeProject });
    expect(acmePalette.bundles.map((b) => b.name)).toContain("tenant-widget");
    expect(acmePalette.artifactTypes.map((t) => t.name)).toContain("tenant-signal");

    // Globex: nothing, anywhere.
    const gina = await h.as("owner@globex.test");
    const listed = await gina.catalog.list({ organizationId: globex });
    expect(listed.map((b) => b.name)).not.toContain("tenant-widget");
    expect(listed.length).toBeGreaterThan(0); // the shipped catalog stays shared
    expect(await gina.catalog.list({ organizationId: globex, q: "tenant" })).toEqual([]);
    await expect(
      gina.catalog.bundle({ organizationId: globex, name: "tenant-widget" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      (await gina.catalog.artifactTypes({ organizationId: globex })).map((t) => t.name),
    ).not.toContain("tenant-signal");
    expect(
      (await gina.catalog.categories({ organizationId: globex })).map((c) => c.name),
    ).not.toContain("Imported");
    const billing = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "billing" },
      select: { id: true, revision: true },
    });
    const palette = await gina.diagram.catalog({ projectId: billing.id });
    expect(palette.bundles.map((b) => b.name)).not.toContain("tenant-widget");
    expect(palette.artifactTypes.map((t) => t.name)).not.toContain("tenant-signal");
    expect(palette.bundles.flatMap((b) => b.presets).map((p) => p.bundle)).not.toContain(
      "tenant-widget",
    );
    expect(
      (await gina.preset.list({ organizationId: globex, bundle: "tenant-widget" })).presets,
    ).toEqual([]);

    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    const component = {
      id: "cmp-tenant-1",
      name: "widget",
      bundle: "tenant-widget",
      version: "1.0.0",
      x: 0,
      y: 0,
    };
    await expect(
      gina.diagram.change({
        projectId: billing.id,
        baseRevision: billing.revision,
        ops: [{ op: "addComponent", component }],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "ops.0.component.bundle: tenant-widget@1.0.0 is not in the catalog",
    });
    await expect(
      gina.preset.create({
        organizationId: globex,
        bundle: "tenant-widget",
        name: "Mine",
        values: { size: "small" },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: 'bundle: "tenant-widget" is not in the catalog',
    });
    expect(await snapshot(h.db())).toEqual(before);
    // Refusals may be audited (as refusals), but never in Acme's trail.
    expect(await auditCount(h.db())).toBeGreaterThanOrEqual(events);
    expect(await orgEvents(acme)).toBe(acmeEventsBefore + 1);
  });

  it("Globex may import the same names as its own; each organization keeps seeing only its own copy", async () => {
    process.env.PATCHBAY_IMPORT_ROOTS = tmp;
    reloadEnv();
    const [acme, globex] = [await org("acme"), await org("globex")];
    const gina = await h.as("owner@globex.test");
    const result = await gina.catalog.import({
      organizationId: globex,
      path: path.join(tmp, "tenant-widget"),
    });
    expect(result.added.bundleVersions).toEqual(["tenant-widget@1.0.0"]);
    expect(
      (await gina.catalog.list({ organizationId: globex, q: "tenant" })).map((b) => b.name),
    ).toEqual(["tenant-widget"]);
    // Globex imported the bundle without its type: it still does not see Acme's.
    expect(
      (await gina.catalog.artifactTypes({ organizationId: globex })).map((t) => t.name),
    ).not.toContain("tenant-signal");
    const rows = await h.db().prisma.bundle.findMany({
      where: { name: "tenant-widget" },
      select: { organizationId: true },
    });
    expect(rows.map((r) => r.organizationId).sort()).toEqual([acme, globex].sort());
  });

  it("an import may not shadow a shipped bundle: the shared name wins and is reported", async () => {
    const organizationId = await org("globex");
    const dir = path.join(tmp, "shadow");
    mkdirSync(path.join(dir, "local-redis"), { recursive: true });
    writeFileSync(
      path.join(dir, "local-redis", "massdriver.yaml"),
      "name: local-redis\ndescription: shadow\nversion: 9.0.0\nparams:\n  properties: {}\nconnections:\n  properties: {}\nartifacts:\n  properties: {}\nsteps:\n  - path: src\n    provisioner: opentofu\n",
    );
    process.env.PATCHBAY_IMPORT_ROOTS = dir;
    reloadEnv();
    const before = await snapshot(h.db());
    await expect(
      (await h.as("owner@globex.test")).catalog.import({ organizationId, path: dir }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^path: nothing to import/),
    });
    expect(await snapshot(h.db())).toEqual(before);
  });
});
