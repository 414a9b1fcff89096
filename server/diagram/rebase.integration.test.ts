// Saves made against an older revision: the server rebases them over the saves in between when
// those touched nothing of theirs, and refuses a real overlap as a conflict, writing nothing.
import { beforeAll, expect, it } from "vitest";
import { auditCount, forEachDatabase, type Harness, snapshot } from "@/test/integration";

forEachDatabase("diagram saves rebased", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  let values: Record<string, unknown> = {};
  const db = "cmp-rebase-db-0001";
  const api = "cmp-rebase-api-0001";
  const line = "cmp-rebase-line-0001";
  const dev = () => h.as("dev@acme.test");
  const change = async (baseRevision: number, ops: unknown[]) =>
    (await dev()).diagram.change({ projectId, baseRevision, ops: ops as never });
  const revision = async () => (await (await dev()).diagram.get({ projectId })).revision;
  const configure = (environment: string, storage: number) => ({
    op: "setInstance",
    component: db,
    environment,
    config: { params: { ...values, allocated_storage: storage }, preset: null },
  });
  const refusedWithoutTrace = async (run: () => Promise<unknown>, message: RegExp) => {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(message),
    });
    expect(await snapshot(h.db())).toEqual(before);
  };

  beforeAll(async () => {
    const ops = await h.as("ops@acme.test");
    const org = await ops.organization.bySlug({ slug: "acme" });
    projectId = (
      await ops.project.create({ organizationId: org.id, slug: "rebase", name: "rebase" })
    ).id;
    const envs = (await ops.project.get({ projectId })).environments;
    staging = envs.find((e) => e.slug === "staging")!.id;
    production = envs.find((e) => e.slug === "production")!.id;
    const catalog = await ops.diagram.catalog({ projectId });
    const rds = catalog.bundles.find((b) => b.name === "aws-rds-postgres")!;
    const app = catalog.bundles.find((b) => b.name === "k8s-application")!;
    values = rds.presets.find((p) => p.name === "Development")!.versions[0]!.values;
    const add = (id: string, name: string, b: typeof rds, x: number) => ({
      op: "addComponent",
      component: { id, name, bundle: b.name, version: b.version, x, y: 0 },
    });
    await change(0, [
      add(db, "orders-db", rds, 0),
      add(api, "orders-api", app, 300),
      add(
        "cmp-rebase-q-0001",
        "events",
        catalog.bundles.find((b) => b.name === "aws-sqs-queue")!,
        600,
      ),
      {
        op: "addLink",
        link: {
          id: line,
          from: db,
          fromArtifact: "database",
          to: api,
          toSlot: "database",
          policies: ["read-only"],
        },
      },
    ]);
  });

  it("two saves from one revision touching different things both land, audited, in order", async () => {
    const base = await revision();
    const events = await auditCount(h.db());
    expect(await change(base, [{ op: "updateComponent", id: api, x: 500 }])).toEqual({
      revision: base + 1,
    });
    // Made against `base` too: a move of another component and one environment's instance.
    expect(
      await change(base, [{ op: "updateComponent", id: db, y: 80 }, configure(staging, 40)]),
    ).toEqual({ revision: base + 2 });
    const { diagram } = await (await dev()).diagram.get({ projectId });
    expect(diagram.components.find((c) => c.id === api)).toMatchObject({ x: 500, y: 0 });
    expect(diagram.components.find((c) => c.id === db)).toMatchObject({ x: 0, y: 80 });
    expect(diagram.instances[db]?.[staging]?.params.allocated_storage).toBe(40);
    expect(await auditCount(h.db())).toBe(events + 2);
    const owner = await h.as("owner@acme.test");
    const org = await owner.organization.bySlug({ slug: "acme" });
    expect(await owner.audit.verify({ organizationId: org.id })).toMatchObject({ ok: true });
    // The other environment's instance of the same component is another thing too.
    expect(await change(base, [configure(production, 60)])).toEqual({ revision: base + 3 });
  });

  it("the same position, the same instance: a conflict naming what both touched, nothing written", async () => {
    const base = await revision();
    await change(base, [{ op: "updateComponent", id: api, x: 600 }, configure(staging, 50)]);
    await refusedWithoutTrace(
      () => change(base, [{ op: "updateComponent", id: api, y: 10 }]),
      /changed since revision \d+ \(now \d+\) in what this change touches \(pos:cmp-rebase-api-0001\)/,
    );
    await refusedWithoutTrace(
      () => change(base, [configure(staging, 70)]),
      /in what this change touches \(inst:cmp-rebase-db-0001:/,
    );
  });

  it("a rebased batch is checked on the diagram as it is now: a line removed meanwhile conflicts", async () => {
    const base = await revision();
    // Removing the consumer takes the line with it; choosing the line's policy no longer fits.
    await change(base, [{ op: "removeComponent", id: api }]);
    await refusedWithoutTrace(
      () =>
        change(base, [
          { op: "setLinkPolicy", link: line, environment: production, policies: ["read-write"] },
        ]),
      /changed since revision \d+, and this change no longer fits it \(ops\.0\.link: is not a line/,
    );
  });

  it("a save older than the changes recorded cannot be rebased: a conflict", async () => {
    const base = await revision();
    await change(base, [{ op: "updateComponent", id: db, x: 5 }]);
    await h.db().prisma.diagramChange.deleteMany({ where: { projectId, revision: base + 1 } });
    await refusedWithoutTrace(
      () => change(base, [configure(production, 90)]),
      /^revision: this diagram changed since revision \d+ \(now \d+\); reload/,
    );
  });

  it("a move reads no more than the components it names: audited with before and after, an unknown id refused writing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    const { revision, diagram } = await dev.diagram.get({ projectId });
    const [a, b] = [
      diagram.components.find((c) => c.id === db),
      diagram.components.find((c) => c.id === "cmp-rebase-q-0001"),
    ];
    const events = await auditCount(h.db());
    const history = await h.db().prisma.environmentSnapshot.count();
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [{ op: "updateComponent", id: a!.id, x: a!.x + 40, y: a!.y }],
    });
    const moved = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "component.moved" },
      orderBy: { seq: "desc" },
      select: { before: true, after: true, targetId: true },
    });
    expect(moved).toEqual({
      before: { x: a!.x, y: a!.y },
      after: { x: a!.x + 40, y: a!.y },
      targetId: a!.id,
    });
    // Several at once: one "arranged" event; positions are no environment's state.
    await dev.diagram.change({
      projectId,
      baseRevision: revision + 1,
      ops: [
        { op: "updateComponent", id: a!.id, x: a!.x },
        { op: "updateComponent", id: b!.id, y: b!.y + 10 },
      ],
    });
    expect(await auditCount(h.db())).toBe(events + 2);
    expect(await h.db().prisma.environmentSnapshot.count()).toBe(history);
    const before = await snapshot(h.db());
    await expect(
      dev.diagram.change({
        projectId,
        baseRevision: revision + 2,
        ops: [
          { op: "updateComponent", id: b!.id, y: 0 },
          { op: "updateComponent", id: "cmp-not-on-it-0001", x: 1 },
        ],
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "ops.1.id: is not a component of this diagram",
    });
    expect(await snapshot(h.db())).toEqual(before);
    const after = (await dev.diagram.get({ projectId })).diagram.components;
    expect(after.find((c) => c.id === b!.id)?.y).toBe(b!.y + 10);
  });
});
