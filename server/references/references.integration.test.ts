// The shared tier on both databases: shared-infra publishes its production cluster, ecommerce-api
// borrows it in production (the consumer's inputs come from the owner's artifact, compare and
// history see the reference), staging may not borrow a production artifact (nothing written;
// an owner may override with a reason), unpublishing while borrowed is refused with the
// borrowers, and a borrower's deployment is blocked while its reference is missing.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";
import { seedSharedInfraDiagram } from "../seed-shared";

forEachDatabase("shared tier", (h: Harness) => {
  const ids = {
    shared: "",
    sharedProduction: "",
    project: "",
    staging: "",
    production: "",
    api: "",
  };
  let publicationId = "";

  beforeAll(async () => {
    await seedDemoDiagram();
    const shared = (await seedSharedInfraDiagram())!;
    ids.shared = shared.projectId;
    ids.sharedProduction = shared.production.id;
    const project = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: { id: true, environments: { select: { id: true, slug: true } } },
    });
    ids.project = project.id;
    ids.staging = project.environments.find((e) => e.slug === "staging")!.id;
    ids.production = project.environments.find((e) => e.slug === "production")!.id;
    ids.api = (
      await h.db().prisma.component.findFirstOrThrow({
        where: { projectId: project.id, bundleName: "k8s-application" },
        select: { id: true },
      })
    ).id;
  });

  async function expectRefused(run: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
  }

  const slot = () => ({ environmentId: ids.production, componentId: ids.api, slot: "cluster" });

  it("publishes shared-infra's cluster and lets ecommerce-api borrow it in production", async () => {
    await expectRefused(
      async () =>
        (await h.as("dev@acme.test")).publication.publish({
          environmentId: ids.sharedProduction,
          componentId: "shared-cluster",
          artifact: "cluster",
        }),
      { code: "FORBIDDEN" },
    );
    const published = await (await h.as("ops@acme.test")).publication.publish({
      environmentId: ids.sharedProduction,
      componentId: "shared-cluster",
      artifact: "cluster",
    });
    publicationId = published.id;
    expect(published).toMatchObject({
      project: "shared-infra",
      environment: "production",
      type: "kubernetes-cluster",
    });

    const dev = await h.as("dev@acme.test");
    const options = await dev.reference.options(slot());
    expect(options.publications.map((p) => p.id)).toEqual([publicationId]);
    await dev.reference.set({ ...slot(), publicationId, policies: ["deploy"] });

    const resolved = await dev.access.resolve({ projectId: ids.project, ...slot() });
    const cluster = resolved.connections.find((c) => c.slot === "cluster")!;
    expect(cluster.source).toMatchObject({ kind: "remote-reference", project: "shared-infra" });
    expect(cluster.payload).toMatchObject({ name: "shared-production", provider: "aws" });
    expect(cluster.preview).toBe(false);
    expect(JSON.stringify(cluster.payload)).not.toMatch(/"token":"[A-Za-z0-9_-]{20,}"/);
    expect(resolved.grants.find((g) => g.slot === "cluster")?.policies.map((p) => p.id)).toEqual([
      "deploy",
    ]);

    // The owner sees who borrows it.
    const owner = await (await h.as("viewer@acme.test")).access.resolve({
      projectId: ids.shared,
      environmentId: ids.sharedProduction,
      componentId: "shared-cluster",
    });
    expect(owner.borrowers).toEqual([
      { project: "ecommerce-api", environment: "production", component: "api", slot: "cluster" },
    ]);

    // Compare: a reference that differs between staging and production is a difference.
    const { diff } = await dev.compare.environments({
      projectId: ids.project,
      left: ids.staging,
      right: ids.production,
    });
    const api = diff.components.find((c) => c.componentId === ids.api)!;
    expect(api.changes).toContainEqual(
      expect.objectContaining({
        kind: "remoteReference",
        path: "cluster",
        status: "added",
        right: expect.objectContaining({ artifactId: `publication:${publicationId}` }),
      }),
    );
  });

  it("refuses a staging reference to a production artifact, unless an owner gives a reason", async () => {
    const staging = { ...slot(), environmentId: ids.staging };
    await expectRefused(
      async () => (await h.as("dev@acme.test")).reference.set({ ...staging, publicationId }),
      {
        code: "BAD_REQUEST",
        message: expect.stringContaining(
          "non-production environment may not reference a production artifact",
        ),
      },
    );
    await expectRefused(
      async () =>
        (await h.as("dev@acme.test")).reference.set({
          ...staging,
          publicationId,
          overrideReason: "load test",
        }),
      { code: "FORBIDDEN" },
    );
    const owner = await h.as("owner@acme.test");
    await owner.reference.set({
      ...staging,
      publicationId,
      overrideReason: "load test against prod",
    });
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "reference.set_with_override" },
      orderBy: { seq: "desc" },
      select: { after: true },
    });
    expect(event.after).toMatchObject({ overrideReason: "load test against prod" });
    await owner.reference.clear(staging);
  });

  it("refuses unpublishing while borrowed, naming the borrowers", async () => {
    await expectRefused(
      async () =>
        (await h.as("ops@acme.test")).publication.unpublish({
          projectId: ids.shared,
          publicationId,
        }),
      {
        code: "CONFLICT",
        message: expect.stringContaining("ecommerce-api/production: api.cluster"),
      },
    );
    const dev = await h.as("dev@acme.test");
    const { revision } = await dev.diagram.get({ projectId: ids.shared });
    await expectRefused(
      () =>
        dev.diagram.change({
          projectId: ids.shared,
          baseRevision: revision,
          ops: [{ op: "removeComponent", id: "shared-cluster" }],
        }),
      { code: "CONFLICT", message: expect.stringContaining("removing cluster") },
    );
  });

  it("blocks the borrower's deployment while its reference is missing", async () => {
    const dev = await h.as("dev@acme.test");
    // What the reference pointed to disappears under it (here: the row, as a cascade would).
    await h.db().prisma.slotReference.updateMany({
      where: { publicationId },
      data: { publicationId: null },
    });
    await expectRefused(
      () => dev.deployment.request({ projectId: ids.project, ...slot(), action: "plan" }),
      { code: "BAD_REQUEST", message: expect.stringContaining("connections.cluster") },
    );
    // Removing the reference gives the slot back to its line.
    await dev.reference.clear(slot());
    const resolved = await dev.access.resolve({ projectId: ids.project, ...slot() });
    expect(resolved.connections.find((c) => c.slot === "cluster")?.source?.kind).toBe("link");
    // Unborrowed now: it may be unpublished.
    await (await h.as("ops@acme.test")).publication.unpublish({
      projectId: ids.shared,
      publicationId,
    });
  });

  it("keeps an imported artifact's sensitive field sealed: never returned, kept across versions, resolved for deployments", async () => {
    const ops = await h.as("ops@acme.test");
    const { organizationId } = await h.db().prisma.project.findUniqueOrThrow({
      where: { id: ids.project },
      select: { organizationId: true },
    });
    const PASSWORD = "imported-never-returned-7f3a";
    const payload = {
      hostname: "legacy.internal",
      port: 5432,
      database: "orders",
      username: "app",
      version: "14",
    };
    await expectRefused(
      () =>
        ops.importedArtifact.create({
          organizationId,
          name: "legacy-db",
          type: "postgresql",
          payload: { ...payload, port: "x" },
        }),
      { code: "BAD_REQUEST", message: expect.stringContaining("payload.port") },
    );
    const created = await ops.importedArtifact.create({
      organizationId,
      name: "legacy-db",
      type: "postgresql",
      payload: { ...payload, password: PASSWORD },
    });
    expect(JSON.stringify(created)).not.toContain(PASSWORD);
    expect(created.payload.password).toMatchObject({ set: true });
    // A new version without the password keeps the sealed one.
    const updated = await ops.importedArtifact.update({
      organizationId,
      id: created.id,
      name: "legacy-db",
      payload: { ...payload, hostname: "legacy2.internal" },
    });
    expect(updated).toMatchObject({ version: 2, payload: { hostname: "legacy2.internal" } });
    expect(updated.sensitive).toEqual(created.sensitive);
    const dev = await h.as("dev@acme.test");
    const history = await dev.importedArtifact.history({ organizationId, id: created.id });
    expect(history.map((v) => v.version)).toEqual([2, 1]);
    const at = { environmentId: ids.staging, componentId: ids.api, slot: "database" };
    await dev.reference.set({ ...at, importedArtifactId: created.id });
    const listed = await dev.importedArtifact.list({ organizationId });
    expect(listed.find((a) => a.id === created.id)?.usedBy).toEqual([
      { project: "ecommerce-api", environment: "staging", component: "api", slot: "database" },
    ]);
    const resolved = await dev.access.resolve({ projectId: ids.project, ...at });
    const database = resolved.connections.find((c) => c.slot === "database")!;
    expect(database.source).toMatchObject({
      kind: "remote-reference",
      label: "imported legacy-db",
    });
    expect(database.payload).toMatchObject({ hostname: "legacy2.internal" });
    expect(JSON.stringify([listed, history, resolved])).not.toContain(PASSWORD);
    await expectRefused(() => ops.importedArtifact.remove({ organizationId, id: created.id }), {
      code: "CONFLICT",
      message: expect.stringContaining("ecommerce-api/staging: api.database"),
    });
    await dev.reference.clear(at);
  });
});
