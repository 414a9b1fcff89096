// The diagram procedures on both databases: the server enforces every line rule, names,
// roles, tenancy and revisions, and a refused batch leaves the database exactly as it was.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { catalogRoot } from "../catalog/root";
import { syncCatalog } from "../catalog/sync";

const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-diagram-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let n = 0;
const uid = (prefix: string) => `${prefix}-${(++n).toString().padStart(6, "0")}`;
// Newest version of each bundle in the catalog, filled before the tests run.
const latest = new Map<string, string>();
const component = (name: string, bundle: string, version = latest.get(bundle) ?? "1.0.0") => ({
  id: uid("cmp"),
  name,
  bundle,
  version,
  x: n * 10,
  y: 0,
});

forEachDatabase("diagram", (h: Harness) => {
  let projectId = "";
  beforeAll(async () => {
    projectId = (
      await h
        .db()
        .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } })
    ).id;
    // The shipped catalog plus: local-postgres-database 1.1.0 whose output became redis (to
    // break a saved line), and a "relay" that consumes and produces http-endpoint (for cycles).
    const catalog = path.join(tmp, `catalog-${h.kind}`);
    cpSync(catalogRoot(), catalog, { recursive: true });
    const file = path.join(catalog, "local-postgres-database", "bundle.yaml");
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("version: 1.0.0", "version: 1.1.0")
        .replace(/database:\n {4}type: postgresql/, "database:\n    type: redis"),
    );
    const relay = path.join(catalog, "relay");
    cpSync(path.join(catalog, "local-redis"), relay, { recursive: true });
    const yaml = readFileSync(path.join(relay, "bundle.yaml"), "utf8")
      .replace("name: local-redis", "name: relay")
      .replace(
        "connections: {}",
        "connections:\n  upstream:\n    type: http-endpoint\n    required: false\n    title: Upstream",
      )
      .replace(
        /artifacts:\n {2}cache:\n {4}type: redis\n {4}title: Redis/,
        "artifacts:\n  endpoint:\n    type: http-endpoint\n    title: Endpoint",
      );
    writeFileSync(path.join(relay, "bundle.yaml"), yaml);
    const synced = await syncCatalog(catalog);
    expect(synced.errors).toEqual([]);
    expect(synced.added.bundleVersions.sort()).toEqual([
      "local-postgres-database@1.1.0",
      "relay@1.0.0",
    ]);
    const semver = await import("semver");
    for (const b of (await (await h.as("viewer@acme.test")).diagram.catalog({ projectId }))
      .bundles) {
      const known = latest.get(b.name);
      if (!known || semver.gt(b.version, known)) latest.set(b.name, b.version);
    }
    // Lines of the tests below go to the shipped postgres version; 1.1.0 exists to break one later.
    latest.set("local-postgres-database", "1.0.0");
  });

  async function expectRefused(run: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
  }

  it("places components with their default preset in every environment, connects them, and persists it all", async () => {
    const dev = await h.as("dev@acme.test");
    const start = await dev.diagram.get({ projectId });
    const catalog = await dev.diagram.catalog({ projectId });
    const process = catalog.bundles.find((b) => b.name === "local-process")!;
    expect(process.presets.length).toBeGreaterThan(0);
    const envs = (await dev.project.get({ projectId })).environments;
    const pg = component("db", "local-postgres-database");
    const app = component("api", "local-process");
    const defaults = Object.fromEntries(
      envs.map((e) => [
        e.id,
        { params: process.presets[0]!.versions[0]!.values, preset: process.presets[0]!.name },
      ]),
    );
    const { revision } = await dev.diagram.change({
      projectId,
      baseRevision: start.revision,
      ops: [
        { op: "addComponent", component: pg },
        { op: "addComponent", component: app, instances: defaults },
        {
          op: "addLink",
          link: {
            id: uid("lnk"),
            from: pg.id,
            fromArtifact: "database",
            to: app.id,
            toSlot: "database",
            policies: ["read-write"],
          },
        },
      ],
    });
    expect(revision).toBe(start.revision + 1);
    const saved = await dev.diagram.get({ projectId });
    expect(saved.revision).toBe(revision);
    expect(saved.diagram.components.map((c) => c.name)).toEqual([
      ...start.diagram.components.map((c) => c.name),
      "db",
      "api",
    ]);
    expect(saved.diagram.links.at(-1)).toMatchObject({
      from: pg.id,
      to: app.id,
      toSlot: "database",
      policies: ["read-write"],
    });
    expect(saved.diagram.instances[app.id]?.[envs[0]!.id]).toEqual({
      ...defaults[envs[0]!.id],
      presetVersion: 1,
    });
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "diagram.changed" },
      orderBy: { seq: "desc" },
      select: { actorLabel: true, projectId: true },
    });
    expect(event).toEqual({ actorLabel: "dev@acme.test", projectId });
  });

  it("refuses invalid lines, cycles, a second line into a slot and colliding names, changing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const db = diagram.components.find((c) => c.name === "db")!;
    const api = diagram.components.find((c) => c.name === "api")!;
    const apply = (ops: unknown[]) =>
      dev.diagram.change({ projectId, baseRevision: revision, ops: ops as never });
    const redis = component("cache", "local-redis");
    await expectRefused(
      () =>
        apply([
          { op: "addComponent", component: redis },
          {
            op: "addLink",
            link: {
              id: uid("lnk"),
              from: redis.id,
              fromArtifact: "cache",
              to: api.id,
              toSlot: "database",
              policies: [],
            },
          },
        ]),
      {
        code: "BAD_REQUEST",
        message:
          "ops.1.link: type mismatch: api.database takes postgresql, cache.cache produces redis",
      },
    );
    const db2 = component("db2", "local-postgres-database");
    await expectRefused(
      () =>
        apply([
          { op: "addComponent", component: db2 },
          {
            op: "addLink",
            link: {
              id: uid("lnk"),
              from: db2.id,
              fromArtifact: "database",
              to: api.id,
              toSlot: "database",
              policies: [],
            },
          },
        ]),
      {
        code: "BAD_REQUEST",
        message: "ops.1.link: slot already taken: api.database is connected to db",
      },
    );
    const web = component("web", "local-process");
    const web2 = component("web2", "local-process");
    await expectRefused(
      () =>
        apply([
          { op: "addComponent", component: web },
          { op: "addComponent", component: web2 },
          {
            op: "addLink",
            link: {
              id: uid("lnk"),
              from: web.id,
              fromArtifact: "endpoint",
              to: web2.id,
              toSlot: "upstream",
              policies: [],
            },
          },
        ]),
      { code: "BAD_REQUEST", message: 'ops.2.link: web2 has no input "upstream"' },
    );
    await expectRefused(
      () => apply([{ op: "addComponent", component: component("db", "local-redis") }]),
      {
        code: "BAD_REQUEST",
        message: 'ops.0.name: "db" is already used by another component of this project',
      },
    );
    await expectRefused(() => apply([{ op: "updateComponent", id: db.id, name: "Not_A_Name" }]), {
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^ops\.0\.name: must be 1–20/),
    });
    await expectRefused(
      () =>
        apply([
          {
            op: "addLink",
            link: {
              id: uid("lnk"),
              from: db.id,
              fromArtifact: "database",
              to: db.id,
              toSlot: "database",
              policies: [],
            },
          },
        ]),
      {
        code: "BAD_REQUEST",
        message: 'ops.0.link: db has no input "database"',
      },
    );
    await expectRefused(
      () =>
        apply([
          {
            op: "setInstance",
            component: api.id,
            environment: Object.keys(diagram.instances[api.id]!)[0],
            config: { params: { port: "eighty" }, preset: null },
          },
        ]),
      { code: "BAD_REQUEST", message: expect.stringMatching(/^ops\.0\.params\./) },
    );
  });

  it("refuses a cycle through existing lines", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    const [a, b, c] = [
      component("hop-a", "relay"),
      component("hop-b", "relay"),
      component("hop-c", "relay"),
    ];
    const hop = (from: { id: string }, to: { id: string }) => ({
      op: "addLink" as const,
      link: {
        id: uid("lnk"),
        from: from.id,
        fromArtifact: "endpoint",
        to: to.id,
        toSlot: "upstream",
        policies: [],
      },
    });
    const first = await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        { op: "addComponent", component: a },
        { op: "addComponent", component: b },
        { op: "addComponent", component: c },
        hop(a, b),
        hop(b, c),
      ],
    });
    await expectRefused(
      () => dev.diagram.change({ projectId, baseRevision: first.revision, ops: [hop(c, a)] }),
      {
        code: "BAD_REQUEST",
        message: "ops.0.link: would create a cycle: hop-a already feeds hop-c",
      },
    );
  });

  it("refuses a stale revision (conflict), a viewer, and another organization, changing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "addComponent", component: component("q1", "aws-sqs-queue") }],
    });
    await expectRefused(
      () =>
        dev.diagram.change({
          projectId,
          baseRevision: revision,
          // The name the save in between took: a real overlap (a disjoint change is rebased).
          ops: [{ op: "addComponent", component: component("q1", "aws-sqs-queue") }],
        }),
      {
        code: "CONFLICT",
        message: expect.stringMatching(/^revision: this diagram changed since revision/),
      },
    );
    const viewer = await h.as("viewer@acme.test");
    expect((await viewer.diagram.get({ projectId })).revision).toBe(revision + 1);
    const events = await auditCount(h.db());
    await expectRefused(
      () =>
        viewer.diagram.change({
          projectId,
          baseRevision: revision + 1,
          ops: [{ op: "addComponent", component: component("q3", "aws-sqs-queue") }],
        }),
      {
        code: "FORBIDDEN",
      },
    );
    const outsider = await h.as("owner@globex.test");
    await expectRefused(
      () =>
        outsider.diagram.change({
          projectId,
          baseRevision: revision + 1,
          ops: [{ op: "removeComponent", id: "cmp-000001" }],
        }),
      { code: "NOT_FOUND" },
    );
    await expect(outsider.diagram.get({ projectId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Each refusal is itself on the audit trail, as a denial.
    expect(await auditCount(h.db())).toBe(events + 3);
  });

  it("keeps a line that no longer type-checks after a version change, and reports it as broken", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const api = diagram.components.find((c) => c.name === "api")!;
    const db = diagram.components.find((c) => c.name === "db")!;
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "updateComponent", id: db.id, version: "1.1.0" }],
    });
    const after = await dev.diagram.get({ projectId });
    const link = after.diagram.links.find((l) => l.to === api.id && l.toSlot === "database");
    expect(link).toBeDefined();
    const { buildGraphIndex, brokenReason } = await import("../domain/graph/connect");
    const { slotCatalog } = await import("../domain/graph/types");
    const cat = await dev.diagram.catalog({ projectId });
    const index = buildGraphIndex(
      after.diagram,
      slotCatalog(cat.bundles.map((b) => ({ ...b, connections: b.inputs, artifacts: b.outputs }))),
    );
    expect(brokenReason(index, link!)).toBe(
      "type mismatch: api.database takes postgresql, db.database produces redis",
    );
  });
});
