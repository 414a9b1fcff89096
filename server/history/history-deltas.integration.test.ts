// Environment history as deltas: a canvas save records only the entries it moved, a checkpoint
// every few dozen rows, and reading any moment back replays to what a fresh read gave then.
import { beforeAll, expect, it } from "vitest";
import type { SnapshotDelta } from "@/server/domain/diff/delta";
import { snapshotNow } from "@/server/environment-state/now";
import { loadDiagram } from "@/server/repositories/diagram";
import { stateAt } from "@/server/repositories/history";
import { getProject } from "@/server/repositories/projects";
import { loadCatalog } from "@/server/rules/catalog";
import { forEachDatabase, type Harness } from "@/test/integration";

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));
const sorted = (state: { components: { id: string }[]; links: { id: string }[] }) =>
  JSON.parse(
    JSON.stringify({
      ...state,
      at: undefined,
      components: [...state.components].sort((a, b) => a.id.localeCompare(b.id)),
      links: [...state.links].sort((a, b) => a.id.localeCompare(b.id)),
    }),
  );

forEachDatabase("environment history deltas", (h: Harness) => {
  let projectId = "";
  let staging = "";
  const api = "cmp-delta-api-0001";
  const db = "cmp-delta-db-0001";
  let values: Record<string, unknown> = {};
  const rows = (environmentId: string) =>
    h.db().prisma.environmentSnapshot.findMany({
      where: { environmentId },
      orderBy: [{ at: "asc" }, { id: "asc" }],
      select: { checkpoint: true, depth: true, state: true },
    });
  const save = async (ops: unknown[]) => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({ projectId, baseRevision: revision, ops: ops as never });
    await pause();
  };
  const fresh = async (environmentId: string) => {
    const project = (await getProject(projectId))!;
    const [stored, catalog] = await Promise.all([
      loadDiagram(projectId),
      loadCatalog(project.organizationId),
    ]);
    const e = project.environments.find((x) => x.id === environmentId)!;
    const { id, slug, name, class: kind } = e;
    return sorted(await snapshotNow(stored!, { id, slug, name, class: kind }, catalog));
  };

  beforeAll(async () => {
    const ops = await h.as("ops@acme.test");
    const org = await ops.organization.bySlug({ slug: "acme" });
    projectId = (
      await ops.project.create({ organizationId: org.id, slug: "deltas", name: "deltas" })
    ).id;
    staging = (await ops.project.get({ projectId })).environments.find(
      (e) => e.slug === "staging",
    )!.id;
    const catalog = await ops.diagram.catalog({ projectId });
    const rds = catalog.bundles.find((b) => b.name === "aws-rds-postgres")!;
    const app = catalog.bundles.find((b) => b.name === "k8s-application")!;
    values = rds.presets.find((p) => p.name === "Development")!.versions[0]!.values;
    const component = (id: string, name: string, b: typeof rds, x: number) => ({
      op: "addComponent",
      component: { id, name, bundle: b.name, version: b.version, x, y: 0 },
    });
    await save([component(db, "orders-db", rds, 0), component(api, "api", app, 300)]);
  });

  it("a save records only what it moved; a checkpoint comes every few dozen; any moment replays", async () => {
    const start = (await rows(staging)).length;
    // A move records nothing.
    await save([{ op: "updateComponent", id: db, x: 10, y: 20 }]);
    expect((await rows(staging)).length).toBe(start);

    const seen: { at: Date; state: unknown }[] = [];
    for (let i = 0; i < 45; i++) {
      const storage = 20 + i;
      if (i === 20) {
        await save([
          {
            op: "addLink",
            link: {
              id: "cmp-delta-line-0001",
              from: db,
              fromArtifact: "database",
              to: api,
              toSlot: "database",
              policies: ["read-only"],
            },
          },
        ]);
      } else if (i === 30) {
        await save([{ op: "updateComponent", id: api, name: "orders-api" }]);
      } else {
        const config = { params: { ...values, allocated_storage: storage }, preset: null };
        await save([{ op: "setInstance", component: db, environment: staging, config }]);
      }
      seen.push({ at: new Date(), state: await fresh(staging) });
    }

    const recorded = (await rows(staging)).slice(start);
    expect(recorded).toHaveLength(45);
    expect(recorded.filter((r) => r.checkpoint).length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...recorded.map((r) => r.depth))).toBeLessThanOrEqual(40);
    // A param change is a delta holding that instance alone.
    const delta = recorded.find((r) => !r.checkpoint)!.state as unknown as SnapshotDelta;
    expect(Object.keys(delta.instances)).toEqual([db]);
    expect(delta.components).toEqual([]);
    expect(delta.links).toEqual([]);

    for (const k of [0, 19, 20, 30, 39, 40, 41, 44]) {
      const past = await stateAt(staging, seen[k]!.at);
      expect(sorted(past!.state), `moment ${k}`).toEqual(seen[k]!.state);
    }
    expect(sorted((await stateAt(staging, "newest"))!.state)).toEqual(await fresh(staging));
  });

  it("a change outside the canvas over deltas records the whole state only when it differs", async () => {
    const before = (await rows(staging)).length;
    const ops = await h.as("ops@acme.test");
    const env = (await ops.project.get({ projectId })).environments.find((e) => e.id === staging)!;
    // Renaming back and forth: the state names its environment, so each is a row.
    await ops.environment.rename({ projectId, environmentId: staging, name: "Staging 2" });
    await ops.environment.rename({ projectId, environmentId: staging, name: env.name });
    const after = await rows(staging);
    expect(after.length).toBe(before + 2);
    expect(after.at(-1)!.checkpoint).toBe(true);
    expect(sorted((await stateAt(staging, "newest"))!.state)).toEqual(await fresh(staging));
  });

  it("a promotion records a delta of what it promoted, and any moment replays", async () => {
    const dev = await h.as("dev@acme.test");
    const production = (await dev.project.get({ projectId })).environments.find(
      (e) => e.slug === "production",
    )!.id;
    const line = "cmp-delta-line-0001";
    const app = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "k8s-application",
    )!;
    const appValues = app.presets.find((p) => p.name === "Development")!.versions[0]!.values;
    const config = (params: Record<string, unknown>) => ({ params, preset: null });
    await save([
      { op: "setInstance", component: db, environment: production, config: config(values) },
      {
        op: "setInstance",
        component: db,
        environment: staging,
        config: config({ ...values, allocated_storage: 321 }),
      },
      { op: "setInstance", component: api, environment: staging, config: config(appValues) },
      { op: "setLinkPolicy", link: line, environment: staging, policies: ["read-write"] },
    ]);
    const start = (await rows(production)).length;
    const seen: { at: Date; state: unknown }[] = [];
    const promote = async (selection: object) => {
      await dev.promotion.promote({
        projectId,
        from: staging,
        to: production,
        selections: [selection as never],
        message: "promoted",
      });
      await pause();
      seen.push({ at: new Date(), state: await fresh(production) });
    };
    await promote({ kind: "param", componentId: db, segments: ["allocated_storage"] });
    await promote({ kind: "component", componentId: api });

    const recorded = (await rows(production)).slice(start);
    expect(recorded).toHaveLength(2);
    const [field, whole] = recorded.map((r) => r.state as unknown as SnapshotDelta);
    // One field of one instance: the delta holds that instance alone.
    expect(recorded[0]!.checkpoint).toBe(false);
    expect(Object.keys(field!.instances)).toEqual([db]);
    // A whole component brings the choice of the line into it: that line moves too.
    expect(recorded[1]!.checkpoint).toBe(false);
    expect(whole!.links.map((l) => l.id)).toEqual([line]);
    for (const [k, moment] of seen.entries()) {
      const past = await stateAt(production, moment.at);
      expect(sorted(past!.state), `promotion ${k}`).toEqual(moment.state);
    }
  });
});
