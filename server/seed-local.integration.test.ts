// The demo's `notes` project: seeded once (a second run changes nothing), wired to the local
// provisioner, and its app deployable in `local` — a plan is accepted by the same blockers the
// server enforces on every request.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot } from "@/test/integration";
import { NOTES_APP_PARAMS, NOTES_PROJECT, seedDemoLocal } from "./seed-local";

forEachDatabase("the demo's notes project", (h) => {
  let projectId = "";
  let local = "";
  let ecommerceBefore: unknown;

  const ecommerce = () =>
    h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { revision: true, environments: { select: { id: true } }, components: true },
    });

  beforeAll(async () => {
    ecommerceBefore = await ecommerce();
    await seedDemoLocal();
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: NOTES_PROJECT },
      select: { id: true, environments: { select: { id: true, slug: true, protected: true } } },
    });
    projectId = project.id;
    expect(project.environments).toEqual([
      { id: expect.any(String), slug: "local", protected: false },
    ]);
    local = project.environments[0]!.id;
  });

  it("places db, cache and app, linked read-write and read-only, app on local-process 1.2.0; flags → reader on Terraform", async () => {
    const viewer = await h.as("viewer@acme.test");
    const { diagram } = await viewer.diagram.get({ projectId });
    const byName = Object.fromEntries(diagram.components.map((c) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(["app", "cache", "db", "flags", "reader"]);
    expect(byName.flags).toMatchObject({ bundle: "feature-flags" });
    expect(byName.reader).toMatchObject({ bundle: "feature-flag-reader" });
    expect(byName.db).toMatchObject({ bundle: "local-postgres-database" });
    expect(byName.cache).toMatchObject({ bundle: "local-redis" });
    expect(byName.app).toMatchObject({ bundle: "local-process", version: "1.2.0" });
    expect(diagram.instances[byName.app!.id]?.[local]?.params).toEqual(NOTES_APP_PARAMS);
    const lines = diagram.links.map((l) => [l.from, l.toSlot, l.policies]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [byName.db!.id, "database", ["read-write"]],
        [byName.cache!.id, "cache", ["read-only"]],
        [byName.flags!.id, "flags", []],
      ]),
    );
    expect(await ecommerce()).toEqual(ecommerceBefore);
  });

  it("sets the admin connections as sealed environment defaults: no URL in clear", async () => {
    const ops = await h.as("ops@acme.test");
    const defaults = await ops.environmentDefault.list({ environmentId: local });
    expect(defaults.map((d) => [d.name, d.type]).sort()).toEqual([
      ["postgres-admin-url", "admin-connection"],
      ["redis-admin-url", "admin-connection"],
    ]);
    expect(JSON.stringify(defaults)).not.toContain("127.0.0.1");
    const rows = await h.db().prisma.artifact.findMany({
      where: { environmentId: local, environmentDefault: true },
    });
    expect(JSON.stringify(rows)).not.toMatch(/postgresql:\/\/|redis:\/\//);
  });

  it("leaves nothing blocking the app in local: a plan is queued", async () => {
    const dev = await h.as("dev@acme.test");
    const app = (await dev.diagram.get({ projectId })).diagram.components.find(
      (c) => c.name === "app",
    )!;
    const secrets = await dev.secret.list({ projectId, componentId: app.id, environmentId: local });
    expect(secrets.find((s) => s.name === "SESSION_SECRET")).toMatchObject({ set: true });
    const queued = await dev.deployment.request({
      projectId,
      componentId: app.id,
      environmentId: local,
      action: "plan",
      message: "seed test",
    });
    expect(queued).toMatchObject({ action: "plan", status: "queued", bundleVersion: "1.2.0" });
  });

  it("runs again without changing anything", async () => {
    const before = await snapshot(h.db());
    await seedDemoLocal();
    expect(await snapshot(h.db())).toEqual(before);
  });
});
