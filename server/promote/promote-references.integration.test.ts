// Promote carries remote references, on both databases: a reference chosen in staging lands in
// production as part of one audited promotion; the organization's production guardrail — the
// same check `reference.set` makes — refuses carrying a production artifact into staging,
// naming the slot and the rule and writing nothing, unless an owner gives a reason.
import { beforeAll, expect, it } from "vitest";
import { forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { seedDemoDiagram } from "../seed-diagram";
import { seedSharedTier } from "../seed-shared";

forEachDatabase("promote references", (h: Harness) => {
  const ids = { project: "", staging: "", production: "", api: "", eks: "", sharedStaging: "" };
  let stagingCluster = "";

  beforeAll(async () => {
    await seedDemoDiagram();
    expect(await seedSharedTier()).toBe(true);
    const projects = await h.db().prisma.project.findMany({
      where: { slug: { in: ["ecommerce-api", "shared-infra"] } },
      select: { id: true, slug: true, environments: { select: { id: true, slug: true } } },
    });
    const project = projects.find((p) => p.slug === "ecommerce-api")!;
    const shared = projects.find((p) => p.slug === "shared-infra")!;
    const env = (p: typeof project, slug: string) =>
      p.environments.find((e) => e.slug === slug)!.id;
    Object.assign(ids, {
      project: project.id,
      staging: env(project, "staging"),
      production: env(project, "production"),
      sharedStaging: env(shared, "staging"),
    });
    const component = (bundleName: string) =>
      h.db().prisma.component.findFirstOrThrow({
        where: { projectId: project.id, bundleName },
        select: { id: true },
      });
    ids.api = (await component("k8s-application")).id;
    ids.eks = (await component("aws-eks-cluster")).id;
    // shared-infra's staging cluster: a non-production artifact staging may borrow.
    stagingCluster = (
      await (
        await h.as("ops@acme.test")
      ).publication.publish({
        environmentId: ids.sharedStaging,
        componentId: "shared-cluster",
        artifact: "cluster",
      })
    ).id;
  });

  const references = (environmentId: string) =>
    h.db().prisma.slotReference.findMany({
      where: { environmentId },
      select: { componentId: true, slot: true, publicationId: true, policies: true },
      orderBy: { slot: "asc" },
    });

  it("promotes a reference chosen in staging into production, audited with the promotion", async () => {
    const dev = await h.as("dev@acme.test");
    const slot = { componentId: ids.api, slot: "cluster" };
    await dev.reference.set({ environmentId: ids.staging, ...slot, publicationId: stagingCluster });
    const { diff } = await dev.compare.environments({
      projectId: ids.project,
      left: ids.staging,
      right: ids.production,
    });
    const row = diff.components
      .find((c) => c.componentId === ids.api)!
      .changes.find((c) => c.kind === "remoteReference" && c.path === "cluster");
    expect(row).toMatchObject({ status: "changed" });

    const target = {
      projectId: ids.project,
      from: ids.staging,
      to: ids.production,
      selections: [{ kind: "reference" as const, ...slot }],
    };
    const beforePromotion = new Date();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const preview = await dev.promotion.preview(target);
    expect(preview).toEqual({
      problem: null,
      changes: [
        {
          component: "api",
          what: "reference cluster",
          before: "shared-infra/production: cluster.cluster",
          after: "shared-infra/staging: cluster.cluster",
        },
      ],
    });
    expect(await dev.promotion.promote({ ...target, message: "try the staging cluster" })).toEqual(
      expect.objectContaining({ changes: 1 }),
    );
    expect((await references(ids.production)).find((r) => r.componentId === ids.api)).toMatchObject(
      { slot: "cluster", publicationId: stagingCluster, policies: [] },
    );
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment.promoted" },
      orderBy: { seq: "desc" },
      select: { after: true, environmentId: true },
    });
    expect(event.environmentId).toBe(ids.production);
    expect(event.after).toMatchObject({
      from: "staging",
      to: "production",
      changes: [expect.objectContaining({ what: "reference cluster" })],
    });
    // What the ghost nodes show: the promoted reference's artifact is not produced yet (shared
    // staging never deployed its cluster), the network still borrowed is.
    const listed = await dev.reference.list({ environmentId: ids.production });
    const availability = (slot: string) => listed.find((r) => r.slot === slot)?.availability;
    expect(availability("cluster")).toEqual({
      state: "not-produced",
      updatedAt: null,
      ownerStatus: "draft",
    });
    expect(availability("network")).toMatchObject({
      state: "produced",
      updatedAt: expect.any(Date),
    });
    // Time travel: production before the promotion borrowed the production cluster; now, staging's.
    const history = await dev.compare.environments({
      projectId: ids.project,
      left: ids.production,
      right: ids.production,
      leftAt: beforePromotion.toISOString(),
    });
    expect(history.borrowed.find((b) => b.componentId === ids.api && b.slot === "cluster")).toEqual(
      {
        componentId: ids.api,
        slot: "cluster",
        left: "shared-infra/production: cluster.cluster",
        right: "shared-infra/staging: cluster.cluster",
        status: "changed",
      },
    );
    // Compare now sees the same reference on both sides.
    const after = await dev.compare.environments({
      projectId: ids.project,
      left: ids.staging,
      right: ids.production,
    });
    const api = after.diff.components.find((c) => c.componentId === ids.api)!;
    expect(api.changes.filter((c) => c.kind === "remoteReference" && c.path === "cluster")).toEqual(
      [],
    );
  });

  it("refuses carrying a production artifact into staging, naming the slot and rule; nothing changes", async () => {
    const target = {
      projectId: ids.project,
      from: ids.production,
      to: ids.staging,
      selections: [{ kind: "reference" as const, componentId: ids.eks, slot: "network" }],
    };
    const dev = await h.as("dev@acme.test");
    const rule = "cluster.network in staging: a non-production environment may not reference";
    expect((await dev.promotion.preview(target)).problem).toContain(rule);
    const [staging, production] = [await references(ids.staging), await references(ids.production)];
    const before = await snapshot(h.db());
    await expect(dev.promotion.promote({ ...target, message: "copy prod" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining(`selections.0: ${rule}`),
    });
    // A reason is an owner's to give.
    await expect(
      dev.promotion.promote({ ...target, message: "copy prod", overrideReason: "load test" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(h.db())).toEqual(before);
    expect(await references(ids.staging)).toEqual(staging);
    expect(await references(ids.production)).toEqual(production);

    const owner = await h.as("owner@acme.test");
    await owner.promotion.promote({
      ...target,
      message: "copy prod",
      overrideReason: "load test against the real network",
    });
    expect((await references(ids.staging)).find((r) => r.slot === "network")).toBeTruthy();
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "environment.promoted" },
      orderBy: { seq: "desc" },
      select: { after: true },
    });
    expect(event.after).toMatchObject({ overrideReason: "load test against the real network" });
  });

  it("refuses a slot whose difference is only an environment default", async () => {
    const dev = await h.as("dev@acme.test");
    await expect(
      dev.promotion.preview({
        projectId: ids.project,
        from: ids.staging,
        to: ids.production,
        selections: [{ kind: "reference", componentId: ids.api, slot: "database" }],
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining("holds a remote reference in neither environment"),
    });
  });
});
