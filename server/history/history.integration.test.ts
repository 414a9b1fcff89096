// Time travel on both databases: every audited change records the state of the environments
// it moved (and nothing when it moved none); an environment reads back as it was at a past
// moment, diffed against now; components deleted since are drawn from the past; a moment
// before the environment existed reads as empty; history rows cannot be rewritten; the
// slider's moments name the change and who made it; another organization reads nothing.
import { beforeAll, expect, it } from "vitest";
import { snapshotNow } from "@/server/environment-state/now";
import { loadDiagram } from "@/server/repositories/diagram";
import { stateAt } from "@/server/repositories/history";
import { getProject } from "@/server/repositories/projects";
import { loadCatalog } from "@/server/rules/catalog";
import { forEachDatabase, type Harness } from "@/test/integration";

const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

forEachDatabase("environment history", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  const db = "cmp-history-db-0001";
  const cache = "cmp-history-cache-0001";
  const moments = {} as Record<"beforeProject" | "empty" | "added" | "resized", string>;
  const rows = (environmentId: string) =>
    h.db().prisma.environmentSnapshot.count({ where: { environmentId } });

  beforeAll(async () => {
    const ops = await h.as("ops@acme.test");
    const org = await ops.organization.bySlug({ slug: "acme" });
    moments.beforeProject = new Date(Date.now() - 60_000).toISOString();
    const project = await ops.project.create({
      organizationId: org.id,
      slug: "history",
      name: "history",
    });
    projectId = project.id;
    const envs = (await ops.project.get({ projectId })).environments;
    staging = envs.find((e) => e.slug === "staging")!.id;
    production = envs.find((e) => e.slug === "production")!.id;
    const rds = (await ops.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "aws-rds-postgres",
    )!;
    const shipped = (name: string) => rds.presets.find((p) => p.name === name)!.versions[0]!.values;
    const dev = await h.as("dev@acme.test");
    const change = async (ops: unknown[]) => {
      const { revision } = await dev.diagram.get({ projectId });
      await dev.diagram.change({ projectId, baseRevision: revision, ops: ops as never });
      await pause();
    };
    await pause();
    moments.empty = new Date().toISOString();
    const add = (id: string, name: string, x: number) => ({
      op: "addComponent",
      component: { id, name, bundle: rds.name, version: rds.version, x, y: 40 },
      instances: {
        [staging]: { params: shipped("Development"), preset: "Development" },
        [production]: { params: shipped("Production"), preset: "Production" },
      },
    });
    await change([add(db, "orders-db", 0), add(cache, "old-db", 400)]);
    moments.added = new Date().toISOString();
    const production200 = structuredClone(shipped("Production")) as {
      storage: { allocated_gb: number };
    };
    production200.storage.allocated_gb = 200;
    await change([
      {
        op: "setInstance",
        component: db,
        environment: production,
        config: { params: production200, preset: "Production" },
      },
    ]);
    moments.resized = new Date().toISOString();
    await change([{ op: "removeComponent", id: cache }]);
  });

  it("records a state for every change that moved an environment, and none for one that did not", async () => {
    // project.created, the two components, the resize, the removal.
    expect(await rows(production)).toBe(4);
    // The resize touched production only: staging recorded no new state for it.
    expect(await rows(staging)).toBe(3);
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "updateComponent", id: db, x: 120, y: 80 }],
    });
    expect(await rows(production)).toBe(4);
    expect(await rows(staging)).toBe(3);
  });

  it("reads production at a past moment and diffs it against now: exactly what changed since", async () => {
    const viewer = await h.as("viewer@acme.test");
    const { diff, notices } = await viewer.compare.environments({
      projectId,
      left: production,
      right: production,
      leftAt: moments.added,
    });
    expect(notices).toEqual([]);
    expect(diff.left.at).toBe(moments.added);
    const ordersDb = diff.components.find((c) => c.componentId === db)!;
    expect(ordersDb.status).toBe("changed");
    expect(ordersDb.changes.map((c) => [c.kind, c.path, c.left, c.right])).toEqual([
      ["param", "storage.allocated_gb", 100, 200],
    ]);
    expect(diff.components.find((c) => c.componentId === cache)?.status).toBe("removed");
  });

  it("draws a component deleted since where it stood then, and reads the past against the past", async () => {
    const viewer = await h.as("viewer@acme.test");
    const { diff, diagram } = await viewer.compare.environments({
      projectId,
      left: production,
      right: production,
      leftAt: moments.empty,
      rightAt: moments.resized,
    });
    expect(diagram.components.find((c) => c.id === cache)).toMatchObject({
      name: "old-db",
      x: 400,
      y: 40,
    });
    // Named by the drawing (a listed name would mean the past side called it otherwise).
    const name = (id: string) => diagram.components.find((c) => c.id === id)?.name;
    expect(diff.components.map((c) => [c.name ?? name(c.componentId), c.status]).sort()).toEqual([
      ["old-db", "added"],
      ["orders-db", "added"],
    ]);
  });

  it("reads a moment before the environment existed as empty, and says so", async () => {
    const viewer = await h.as("viewer@acme.test");
    const { diff, notices } = await viewer.compare.environments({
      projectId,
      left: staging,
      right: staging,
      leftAt: moments.beforeProject,
    });
    expect(notices).toEqual([expect.stringMatching(/^Staging did not exist yet at /)]);
    expect(diff.components.map((c) => c.status)).toEqual(["added"]);
  });

  it("draws only what either side holds: two moments before a component was added leave it out", async () => {
    const viewer = await h.as("viewer@acme.test");
    const { diff, diagram } = await viewer.compare.environments({
      projectId,
      left: production,
      right: production,
      leftAt: moments.beforeProject,
      rightAt: moments.empty,
    });
    expect(diagram).toEqual({ bundles: {}, components: [], links: [] });
    expect(diff.components).toEqual([]);
    expect(diff.summary.components).toEqual({ same: 0, added: 0, removed: 0, changed: 0 });
  });

  it("lists the moments production changed since a time, with the change and who made it", async () => {
    const viewer = await h.as("viewer@acme.test");
    const history = await viewer.compare.history({
      projectId,
      environmentId: production,
      since: moments.empty,
    });
    expect(history.moments.map((m) => [m.action, m.actor])).toEqual([
      ["diagram.changed", "dev@acme.test"],
      ["instance.configured", "dev@acme.test"],
      ["component.removed", "dev@acme.test"],
    ]);
    expect(history.recordedFrom! < moments.empty).toBe(true);
    expect(history.truncated).toBe(false);
  });

  it("records a secret by fingerprint only, and history rows cannot be rewritten", async () => {
    const dev = await h.as("dev@acme.test");
    const value = "history-canary-7f3a9c2e5b81d4f6";
    const app = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "k8s-application",
    )!;
    const api = "cmp-history-api-0001";
    const { revision } = await dev.diagram.get({ projectId });
    const config = { params: app.presets[0]!.versions[0]!.values, preset: app.presets[0]!.name };
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: { id: api, name: "api", bundle: app.name, version: app.version, x: 0, y: 300 },
          instances: { [staging]: config },
        },
      ],
    });
    const before = await rows(staging);
    await dev.secret.set({
      projectId,
      componentId: api,
      environmentId: staging,
      name: "SESSION_SECRET",
      value,
    });
    expect(await rows(staging)).toBe(before + 1);
    const all = await h.db().prisma.environmentSnapshot.findMany({ select: { state: true } });
    expect(JSON.stringify(all)).not.toContain(value);
    const row = await h.db().prisma.environmentSnapshot.findFirstOrThrow({
      where: { environmentId: staging },
      select: { id: true },
    });
    await expect(
      h.db().sql.exec(`UPDATE "EnvironmentSnapshot" SET hash = 'x' WHERE id = '${row.id}'`),
    ).rejects.toThrow(/immutable: UPDATE refused/);
  });

  it("gives another organization NOT_FOUND for a project's history and its past; refuses a moment that is not a date-time, naming the field", async () => {
    const globex = await h.as("owner@globex.test");
    await expect(
      globex.compare.history({ projectId, environmentId: production, since: moments.empty }),
    ).rejects.toThrow(/Project not found/);
    await expect(
      globex.compare.environments({
        projectId,
        left: production,
        right: production,
        leftAt: moments.empty,
      }),
    ).rejects.toThrow(/Project not found/);
    const viewer = await h.as("viewer@acme.test");
    await expect(
      viewer.compare.history({
        projectId,
        environmentId: "cmp-not-an-environment",
        since: moments.empty,
      }),
    ).rejects.toThrow(/environmentId: not an environment of this project/);
    await expect(
      viewer.compare.environments({
        projectId,
        left: production,
        right: production,
        leftAt: "yesterday",
      }),
    ).rejects.toThrow(/leftAt[\s\S]*must be an ISO date-time/);
    await expect(
      viewer.compare.history({ projectId, environmentId: production, since: "last week" }),
    ).rejects.toThrow(/since[\s\S]*must be an ISO date-time/);
  });

  it("records, from what the save already read, the state a fresh read gives", async () => {
    const dev = await h.as("dev@acme.test");
    const rds = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "aws-rds-postgres",
    )!;
    const values = rds.presets.find((p) => p.name === "Development")!.versions[0]!.values;
    const { revision } = await dev.diagram.get({ projectId });
    // Created in one batch, ids against op order: their stored order need not be the batch's.
    const add = (id: string, name: string) => ({
      op: "addComponent" as const,
      component: { id, name, bundle: rds.name, version: rds.version, x: 0, y: 500 },
      instances: { [staging]: { params: values, preset: "Development" } },
    });
    // A line into the app added earlier in this file, and its policy chosen in production.
    const line = {
      id: "cmp-history-line-0001",
      from: "cmp-history-zz-0001",
      fromArtifact: "database",
      to: "cmp-history-api-0001",
      toSlot: "database",
      policies: ["read-only"],
    };
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        add("cmp-history-zz-0001", "zz-db"),
        add("cmp-history-aa-0001", "aa-db"),
        { op: "addLink", link: line },
        { op: "setLinkPolicy", link: line.id, environment: production, policies: ["read-write"] },
      ],
    });
    const project = (await getProject(projectId))!;
    const [stored, catalog] = await Promise.all([
      loadDiagram(projectId),
      loadCatalog(project.organizationId),
    ]);
    const ordered = (state: { components: { id: string }[]; links: { id: string }[] }) => ({
      ...state,
      components: [...state.components].sort((a, b) => a.id.localeCompare(b.id)),
      links: [...state.links].sort((a, b) => a.id.localeCompare(b.id)),
    });
    for (const e of project.environments) {
      // Recorded as a checkpoint and deltas over it: replayed, the state a fresh read gives.
      const newest = (await stateAt(e.id, "newest"))!;
      const { id, slug, name, class: kind } = e;
      const fresh = await snapshotNow(stored!, { id, slug, name, class: kind }, catalog);
      expect(ordered(JSON.parse(JSON.stringify(newest.state)))).toEqual(
        ordered(JSON.parse(JSON.stringify(fresh))),
      );
    }
  });
});
