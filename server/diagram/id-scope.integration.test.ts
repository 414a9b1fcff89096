// Component and line ids are chosen by the client (the canvas), so they are scoped to the
// project: an id another organization's project uses must answer exactly as a fresh id does,
// or adding it would reveal that the id exists somewhere (demo ids are predictable).
import { beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";

forEachDatabase("diagram ids scoped to the project", (h: Harness) => {
  let acme = "";
  let billing = "";
  beforeAll(async () => {
    await seedDemoDiagram();
    const { prisma } = h.db();
    acme = (
      await prisma.project.findFirstOrThrow({
        where: { slug: "ecommerce-api" },
        select: { id: true },
      })
    ).id;
    billing = (
      await prisma.project.findFirstOrThrow({ where: { slug: "billing" }, select: { id: true } })
    ).id;
  });

  /** Every row of Acme's diagram: components, lines and their instances with secrets. */
  async function acmeRows() {
    const { prisma } = h.db();
    return {
      components: await prisma.component.findMany({
        where: { projectId: acme },
        orderBy: { id: "asc" },
      }),
      links: await prisma.link.findMany({ where: { projectId: acme }, orderBy: { id: "asc" } }),
      instances: await prisma.instance.findMany({
        where: { environment: { projectId: acme } },
        include: { secrets: true },
        orderBy: { id: "asc" },
      }),
    };
  }

  /** Globex's owner adds a network and a cluster joined by a line, with the given ids. */
  async function addPair(ids: { network: string; cluster: string; link: string }, suffix: string) {
    const owner = await h.as("owner@globex.test");
    const { revision } = await owner.diagram.get({ projectId: billing });
    const version = (name: string) =>
      h.db().prisma.bundleVersion.findFirstOrThrow({
        where: { bundle: { name, organizationId: null } },
        orderBy: { publishedAt: "desc" },
        select: { version: true },
      });
    const acmeLink = await h.db().prisma.link.findFirstOrThrow({
      where: {
        projectId: acme,
        fromComponentId: "demo-network-0",
        toComponentId: "demo-cluster-2",
      },
    });
    return owner.diagram.change({
      projectId: billing,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: {
            id: ids.network,
            name: `network-${suffix}`,
            bundle: "aws-vpc",
            version: (await version("aws-vpc")).version,
            x: 0,
            y: 0,
          },
        },
        {
          op: "addComponent",
          component: {
            id: ids.cluster,
            name: `cluster-${suffix}`,
            bundle: "aws-eks-cluster",
            version: (await version("aws-eks-cluster")).version,
            x: 300,
            y: 0,
          },
        },
        {
          op: "addLink",
          link: {
            id: ids.link,
            from: ids.network,
            fromArtifact: acmeLink.fromArtifact,
            to: ids.cluster,
            toSlot: acmeLink.toSlot,
            policies: acmeLink.policies,
          },
        },
      ],
    });
  }

  it("accepts ids used only in another organization's project exactly as fresh ids, and keeps both projects' rows apart", async () => {
    const acmeLink = await h.db().prisma.link.findFirstOrThrow({
      where: {
        projectId: acme,
        fromComponentId: "demo-network-0",
        toComponentId: "demo-cluster-2",
      },
      select: { id: true },
    });
    const before = await acmeRows();
    expect(before.components.map((c) => c.id)).toEqual(
      expect.arrayContaining(["demo-network-0", "demo-cluster-2"]),
    );

    // Control: fresh ids are accepted.
    const fresh = await addPair(
      { network: "fresh-network", cluster: "fresh-cluster", link: "fresh-line" },
      "a",
    );
    // The same change with Acme's ids is accepted just the same.
    const reused = await addPair(
      { network: "demo-network-0", cluster: "demo-cluster-2", link: acmeLink.id },
      "b",
    );
    expect(reused.revision).toBe(fresh.revision + 1);

    const owner = await h.as("owner@globex.test");
    const globex = (await owner.diagram.get({ projectId: billing })).diagram;
    // Sorted: rows created in the same millisecond come back in id order, not insertion order.
    expect(globex.components.map((c) => [c.id, c.name]).sort()).toEqual([
      ["demo-cluster-2", "cluster-b"],
      ["demo-network-0", "network-b"],
      ["fresh-cluster", "cluster-a"],
      ["fresh-network", "network-a"],
    ]);
    expect(globex.links.map((l) => [l.id, l.from, l.to]).sort()).toEqual(
      [
        ["fresh-line", "fresh-network", "fresh-cluster"],
        [acmeLink.id, "demo-network-0", "demo-cluster-2"],
      ].sort(),
    );
    expect(await acmeRows()).toEqual(before);
    const acmeDiagram = (await (await h.as("viewer@acme.test")).diagram.get({ projectId: acme }))
      .diagram;
    expect(acmeDiagram.components.find((c) => c.id === "demo-network-0")?.name).toBe("network");

    // Removing Globex's component (and so its line) leaves Acme's.
    const { revision } = await owner.diagram.get({ projectId: billing });
    await owner.diagram.change({
      projectId: billing,
      baseRevision: revision,
      ops: [
        { op: "removeLink", id: acmeLink.id },
        { op: "removeComponent", id: "demo-network-0" },
      ],
    });
    const after = (await owner.diagram.get({ projectId: billing })).diagram;
    expect(after.components.map((c) => c.id).sort()).toEqual([
      "demo-cluster-2",
      "fresh-cluster",
      "fresh-network",
    ]);
    expect(after.links.map((l) => l.id)).toEqual(["fresh-line"]);
    expect(await acmeRows()).toEqual(before);
  });

  it("still refuses an id already used in the same project", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId: acme });
    const version = (
      await h
        .db()
        .prisma.component.findFirstOrThrow({ where: { projectId: acme, id: "demo-network-0" } })
    ).versionConstraint;
    const [before, events] = [await snapshot(h.db()), await auditCount(h.db())];
    await expect(
      dev.diagram.change({
        projectId: acme,
        baseRevision: revision,
        ops: [
          {
            op: "addComponent",
            component: {
              id: "demo-network-0",
              name: "network-2",
              bundle: "aws-vpc",
              version,
              x: 0,
              y: 0,
            },
          },
        ],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "ops.0.component.id: is already on the diagram",
    });
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });
});
