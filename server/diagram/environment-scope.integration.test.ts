// `diagram.get` with `environments` on both databases: the canvas reads only the instances and
// statuses of the environments it shows; ids of another project's (or another organization's)
// environments yield nothing; without the field the answer is the whole diagram, as before.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, type Harness } from "@/test/integration";

forEachDatabase("diagram.get environments", (h: Harness) => {
  let projectId = "";
  let own: string[] = [];
  let foreign: string[] = [];
  beforeAll(async () => {
    const { prisma } = h.db();
    const project = await prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, organizationId: true, environments: { select: { id: true } } },
    });
    projectId = project.id;
    own = project.environments.map((e) => e.id).sort();
    // Environments of every other project, in this organization and in others.
    foreign = (
      await prisma.environment.findMany({
        where: { projectId: { not: projectId } },
        select: { id: true },
      })
    ).map((e) => e.id);
    // Two components configured in every environment (the seed's project starts empty).
    const dev = await h.as("dev@acme.test");
    const { bundles } = await dev.diagram.catalog({ projectId });
    const redis = bundles.find((b) => b.name === "local-redis")!;
    const { revision } = await dev.diagram.get({ projectId });
    const config = {
      params: {
        version: "7.4",
        port: 6379,
        maxmemory_mb: 256,
        key_prefix: "app:",
        persistence: false,
      },
      preset: null,
    };
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: ["scope-a", "scope-b"].map((name, i) => ({
        op: "addComponent" as const,
        component: {
          id: `${name}-000000`,
          name,
          bundle: redis.name,
          version: redis.version,
          x: i * 300,
          y: 0,
        },
        instances: Object.fromEntries(own.map((e) => [e, config])),
      })),
    });
  });

  it("answers only the instances and statuses of the environments asked for", async () => {
    expect(own.length).toBeGreaterThanOrEqual(2);
    expect(foreign.length).toBeGreaterThan(0);
    const viewer = await h.as("viewer@acme.test");
    const full = await viewer.diagram.get({ projectId });
    // The seeded project has configuration in more than one environment: the filter shows.
    const envsOf = (d: typeof full) =>
      [
        ...new Set([
          ...Object.values(d.diagram.instances).flatMap((byEnv) => Object.keys(byEnv)),
          ...d.statuses.map((s) => s.environmentId),
        ]),
      ].sort();
    expect(envsOf(full)).toEqual(own);

    const [first, second] = own as [string, string];
    const one = await viewer.diagram.get({ projectId, environments: [first] });
    expect(one.revision).toBe(full.revision);
    expect(one.diagram.components).toEqual(full.diagram.components);
    expect(one.diagram.links).toEqual(full.diagram.links);
    expect(envsOf(one)).toEqual([first]);
    // Exactly the full answer's rows for that environment, every component keyed.
    const only = (d: typeof full, envs: string[]) => ({
      instances: Object.fromEntries(
        Object.entries(d.diagram.instances).map(([c, byEnv]) => [
          c,
          Object.fromEntries(Object.entries(byEnv).filter(([e]) => envs.includes(e))),
        ]),
      ),
      statuses: d.statuses.filter((s) => envs.includes(s.environmentId)),
    });
    expect({ instances: one.diagram.instances, statuses: one.statuses }).toEqual(
      only(full, [first]),
    );
    const two = await viewer.diagram.get({ projectId, environments: [first, second] });
    expect({ instances: two.diagram.instances, statuses: two.statuses }).toEqual(
      only(full, [first, second]),
    );

    // Another project's environments, unknown ids, none at all: nothing of theirs comes back.
    const strangers = await viewer.diagram.get({
      projectId,
      environments: [...foreign.slice(0, 40), "env-that-does-not-exist"],
    });
    expect(envsOf(strangers)).toEqual([]);
    expect(strangers.diagram.components).toEqual(full.diagram.components);
    const mixed = await viewer.diagram.get({ projectId, environments: [foreign[0]!, second] });
    expect(envsOf(mixed)).toEqual([second]);
    expect(envsOf(await viewer.diagram.get({ projectId, environments: [] }))).toEqual([]);
  });

  it("refuses more than 50 environments and an outsider, as the whole read does", async () => {
    const viewer = await h.as("viewer@acme.test");
    await expect(
      viewer.diagram.get({
        projectId,
        environments: Array.from({ length: 51 }, (_, i) => `env-${i}`),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const outsider = await h.as("owner@globex.test");
    await expect(
      outsider.diagram.get({ projectId, environments: [own[0]!] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("duplicates a component in every environment when the canvas held only one", async () => {
    const dev = await h.as("dev@acme.test");
    const [first, second] = own as [string, string];
    // Production's value differs from the rest: the copy must carry it without the client.
    const before = await dev.diagram.get({ projectId });
    const source = before.diagram.components.find((c) => c.name === "scope-a")!;
    const differing = { ...before.diagram.instances[source.id]![second]! };
    differing.params = { ...differing.params, maxmemory_mb: 512 };
    const { revision } = await dev.diagram.change({
      projectId,
      baseRevision: before.revision,
      ops: [{ op: "setInstance", component: source.id, environment: second, config: differing }],
    });
    const held = await dev.diagram.get({ projectId, environments: [first] });
    const named = { ...held.diagram.instances[source.id]![first]! };
    named.params = { ...named.params, port: 6380 };
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: { ...source, id: "scope-copy-000000", name: "scope-a-2", x: 40, y: 40 },
          instances: { [first]: named },
          copyInstancesOf: source.id,
        },
      ],
    });
    const after = await dev.diagram.get({ projectId });
    const copied = after.diagram.instances["scope-copy-000000"]!;
    expect(Object.keys(copied).sort()).toEqual(own);
    expect(copied[first]!.params.port).toBe(6380);
    expect(copied[second]!.params.maxmemory_mb).toBe(512);
    expect(after.statuses.filter((s) => s.componentId === "scope-copy-000000")).toHaveLength(
      own.length,
    );
  });
});
