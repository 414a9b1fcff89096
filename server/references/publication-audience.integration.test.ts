// A publication's audience on both databases: ops offer it to named projects or to every one;
// narrowing it past a project that borrows it is refused with the borrowers named and nothing
// written; the organization's reference guardrail reads as it was set.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";
import { seedSharedInfraDiagram } from "../seed-shared";

forEachDatabase("publication audience", (h: Harness) => {
  const ids = { organization: "", shared: "", sharedProduction: "", project: "", notes: "" };
  const ids2 = { production: "", api: "" };

  beforeAll(async () => {
    await seedDemoDiagram();
    const shared = (await seedSharedInfraDiagram())!;
    const projects = await h.db().prisma.project.findMany({
      select: { id: true, slug: true, environments: { select: { id: true, slug: true } } },
      where: { slug: "ecommerce-api", organizationId: shared.organizationId },
    });
    const project = projects.find((p) => p.slug === "ecommerce-api")!;
    Object.assign(ids, {
      organization: shared.organizationId,
      shared: shared.projectId,
      sharedProduction: shared.production.id,
      project: project.id,
      // Another project of the organization, as set-up (no audit event).
      notes: (
        await h.db().prisma.project.create({
          data: { organizationId: shared.organizationId, slug: "audience-other", name: "Other" },
          select: { id: true },
        })
      ).id,
    });
    ids2.production = project.environments.find((e) => e.slug === "production")!.id;
    ids2.api = (
      await h.db().prisma.component.findFirstOrThrow({
        where: { projectId: project.id, bundleName: "k8s-application" },
        select: { id: true },
      })
    ).id;
  });

  it("offers a publication to named projects, and refuses leaving out a borrower", async () => {
    const ops = await h.as("ops@acme.test");
    const published = await ops.publication.publish({
      environmentId: ids.sharedProduction,
      componentId: "shared-cluster",
      artifact: "cluster",
      audience: [ids.notes],
    });
    const dev = await h.as("dev@acme.test");
    const slot = { environmentId: ids2.production, componentId: ids2.api, slot: "cluster" };
    expect((await dev.reference.options(slot)).publications).toEqual([]);

    const target = { projectId: ids.shared, publicationId: published.id };
    await expect(dev.publication.setAudience({ ...target, audience: [] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      ops.publication.setAudience({ ...target, audience: [ids.shared] }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("audience.0: not another project"),
    });
    const widened = await ops.publication.setAudience({
      ...target,
      audience: [ids.notes, ids.project],
    });
    expect(widened.audience).toEqual([ids.notes, ids.project]);
    await dev.reference.set({ ...slot, publicationId: published.id });

    const before = await snapshot(h.db());
    await expect(
      ops.publication.setAudience({ ...target, audience: [ids.notes] }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("still borrowed by ecommerce-api/production: api.cluster"),
    });
    expect(await snapshot(h.db())).toEqual(before);

    expect((await ops.publication.setAudience({ ...target, audience: [] })).audience).toEqual([]);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "publication.audience_changed" },
      orderBy: { seq: "desc" },
      select: { before: true, after: true },
    });
    expect(event).toEqual({
      before: { audience: [ids.notes, ids.project] },
      after: { audience: [] },
    });
    await dev.reference.clear(slot);
  });

  it("reads the reference guardrail as the owner set it", async () => {
    const viewer = await h.as("viewer@acme.test");
    const org = { organizationId: ids.organization };
    expect(await viewer.reference.guardrail(org)).toEqual({ refuseProductionReferences: true });
    const owner = await h.as("owner@acme.test");
    await owner.reference.setGuardrail({ ...org, refuseProductionReferences: false });
    expect(await viewer.reference.guardrail(org)).toEqual({ refuseProductionReferences: false });
    await owner.reference.setGuardrail({ ...org, refuseProductionReferences: true });
  });
});
