// A link's policy choice per environment on both databases: its own diagram operation
// (`setLinkPolicy`), stored on the link (one LinkPolicy row per environment), audited as
// `link.policies_chosen` for that environment only, never carried by a param edit, gone with
// the link and brought back by undoing its deletion.
import { beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";

forEachDatabase("link policies", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  /** The demo API's database link: read-only in staging, read-write chosen in production. */
  let link: { id: string; from: string; to: string; fromArtifact: string; toSlot: string };

  beforeAll(async () => {
    expect(await seedDemoDiagram()).toBe(true);
    const dev = await h.as("dev@acme.test");
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api", organization: { slug: "acme" } },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    projectId = project.id;
    staging = project.environments.find((e) => e.slug === "staging")!.id;
    production = project.environments.find((e) => e.slug === "production")!.id;
    const { diagram } = await dev.diagram.get({ projectId });
    const api = diagram.components.find((c) => c.name === "api")!;
    link = diagram.links.find((l) => l.to === api.id && l.toSlot === "database")!;
  });

  const rows = () =>
    h.db().prisma.linkPolicy.findMany({
      where: { projectId, linkId: link.id },
      select: { environmentId: true, policies: true },
      orderBy: { environmentId: "asc" },
    });
  const choose = async (environment: string, policies: string[] | null) => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId });
    return dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "setLinkPolicy", link: link.id, environment, policies }],
    });
  };

  it("loads the seeded choice from the link, not from an instance", async () => {
    const { diagram } = await (await h.as("viewer@acme.test")).diagram.get({ projectId });
    const loaded = diagram.links.find((l) => l.id === link.id)!;
    expect(loaded.policies).toEqual(["read-only"]);
    expect(loaded.policiesIn).toEqual({ [production]: ["read-write"] });
    expect(await rows()).toEqual([{ environmentId: production, policies: ["read-write"] }]);
    for (const byEnvironment of Object.values(diagram.instances))
      for (const config of Object.values(byEnvironment))
        expect(Object.keys(config).sort()).not.toContain("policies");
  });

  it("records a choice for one environment as one audited change, touching no instance and only that environment's history", async () => {
    const instances = await h.db().prisma.instance.findMany({
      where: { projectId },
      select: { id: true, revision: true, params: true },
      orderBy: { id: "asc" },
    });
    const history = (environmentId: string) =>
      h.db().prisma.environmentSnapshot.count({ where: { environmentId } });
    const [stagingRows, productionRows] = [await history(staging), await history(production)];
    const events = await auditCount(h.db());

    await choose(staging, ["admin"]);

    expect(await rows()).toEqual(
      [
        { environmentId: staging, policies: ["admin"] },
        { environmentId: production, policies: ["read-write"] },
      ].sort((a, b) => a.environmentId.localeCompare(b.environmentId)),
    );
    expect(
      await h.db().prisma.instance.findMany({
        where: { projectId },
        select: { id: true, revision: true, params: true },
        orderBy: { id: "asc" },
      }),
    ).toEqual(instances);
    expect(await auditCount(h.db())).toBe(events + 1);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      orderBy: { seq: "desc" },
      select: { action: true, targetType: true, targetId: true, environmentId: true, after: true },
    });
    expect(event).toMatchObject({
      action: "link.policies_chosen",
      targetType: "link",
      targetId: link.id,
      environmentId: staging,
      after: {
        from: "orders-db.database",
        to: "api.database",
        environment: "Staging",
        policies: ["admin"],
        chosen: true,
      },
    });
    expect(await history(staging)).toBe(stagingRows + 1);
    expect(await history(production)).toBe(productionRows);

    // The Access tab grants what was chosen, in that environment only.
    const access = (environmentId: string) =>
      h
        .as("dev@acme.test")
        .then((c) => c.access.resolve({ projectId, componentId: link.to, environmentId }));
    const granted = async (environmentId: string) =>
      (await access(environmentId)).grants
        .find((g) => g.linkId === link.id)!
        .policies.map((p) => p.id);
    expect(await granted(staging)).toEqual(["admin"]);
    expect(await granted(production)).toEqual(["read-write"]);

    // null drops the choice: the link grants what it was drawn with again.
    await choose(staging, null);
    expect(await rows()).toEqual([{ environmentId: production, policies: ["read-write"] }]);
    expect(await granted(staging)).toEqual(["read-only"]);
  });

  it("keeps a link's choices through a param edit of its consumer", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const config = diagram.instances[link.to]![production]!;
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "setInstance",
          component: link.to,
          environment: production,
          // A client still sending choices inside the configuration changes nothing with them.
          config: { ...config, policies: { [link.id]: ["admin"] } } as typeof config,
        },
      ],
    });
    expect(await rows()).toEqual([{ environmentId: production, policies: ["read-write"] }]);
  });

  it("removes the choices with the link, and undoing the removal brings them back", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const stored = diagram.links.find((l) => l.id === link.id)!;
    const removed = await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "removeLink", id: link.id }],
    });
    expect(await rows()).toEqual([]);
    // What the canvas's undo sends: the link as it was, its choices included.
    await dev.diagram.change({
      projectId,
      baseRevision: removed.revision,
      ops: [{ op: "addLink", link: stored }],
    });
    expect(await rows()).toEqual([{ environmentId: production, policies: ["read-write"] }]);
  });

  it("refuses a policy the producer does not offer, two rungs of its ladder, another project's environment and a viewer, changing nothing", async () => {
    const other = await h.db().prisma.environment.findFirstOrThrow({
      where: { projectId: { not: projectId } },
      select: { id: true },
    });
    const before = await snapshot(h.db());
    await expect(choose(production, ["superuser"])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message:
        'ops.0.policies: "superuser" is not a policy postgresql offers (read-only, read-write, admin)',
    });
    // Two rungs of one ladder: the canvas offers one choice, and the server accepts no other.
    await expect(choose(production, ["read-only", "read-write"])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message:
        "ops.0.policies: choose one of read-only, read-write: each includes or replaces the other (only no policy may be combined)",
    });
    await expect(choose(other.id, ["read-only"])).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "ops.0.environment: is not an environment of this project",
    });
    const viewer = await h.as("viewer@acme.test");
    const { revision } = await viewer.diagram.get({ projectId });
    await expect(
      viewer.diagram.change({
        projectId,
        baseRevision: revision,
        ops: [{ op: "setLinkPolicy", link: link.id, environment: staging, policies: ["admin"] }],
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(h.db())).toEqual(before);
  });
});
