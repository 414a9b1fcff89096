// Instance secrets on both databases: write-only set / list / clear, declared names only,
// roles and tenancy, one audit event per change holding fingerprints only, and a refused
// change leaves the database exactly as it was.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import {
  auditCount,
  forEachDatabase,
  snapshot,
  type Harness,
  acmeFingerprint,
} from "@/test/integration";
import { readSecret, secretNamesSet } from "../repositories/secrets";

const cid = () => `cmp-${randomBytes(6).toString("hex")}`;

forEachDatabase("secrets", (h: Harness) => {
  let projectId = "";
  let environmentId = "";
  let productionId = "";
  let componentId = "";

  beforeAll(async () => {
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } });
    projectId = project.id;
    const dev = await h.as("dev@acme.test");
    const envs = (await dev.project.get({ projectId })).environments;
    environmentId = envs.find((e) => e.slug === "staging")!.id;
    productionId = envs.find((e) => e.slug === "production")!.id;
    const version = (await dev.diagram.catalog({ projectId })).bundles.find(
      (b) => b.name === "local-process",
    )!.version;
    componentId = cid();
    // No instances: the rows appear on first edit (here: the first secret set).
    const { revision } = await dev.diagram.get({ projectId });
    await dev.diagram.change({
      projectId,
      baseRevision: revision,
      ops: [
        {
          op: "addComponent",
          component: { id: componentId, name: "web", bundle: "local-process", version, x: 0, y: 0 },
        },
      ],
    });
  });

  const target = () => ({ projectId, componentId, environmentId });

  async function expectRefused(run: () => Promise<unknown>, expected: Record<string, unknown>) {
    const before = await snapshot(h.db());
    await expect(run()).rejects.toMatchObject(expected);
    expect(await snapshot(h.db())).toEqual(before);
  }

  it("lists the declared secrets, sets one write-only, and shows only set · fingerprint · who · when", async () => {
    const dev = await h.as("dev@acme.test");
    const initial = await dev.secret.list(target());
    expect(initial.map((s) => [s.name, s.required, s.set])).toEqual([
      ["SESSION_SECRET", true, false],
      ["STRIPE_API_KEY", false, false],
    ]);

    const value = `session-${randomBytes(8).toString("hex")}`;
    const set = await dev.secret.set({ ...target(), name: "SESSION_SECRET", value });
    expect(set).toMatchObject({
      name: "SESSION_SECRET",
      set: true,
      fingerprint: (await acmeFingerprint(h, value)).slice(0, 12),
      setBy: { email: "dev@acme.test" },
    });
    expect(set.updatedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(set)).not.toContain(value);

    const listed = await (await h.as("viewer@acme.test")).secret.list(target());
    expect(listed.find((s) => s.name === "SESSION_SECRET")).toMatchObject({
      set: true,
      fingerprint: set.fingerprint,
    });
    expect(JSON.stringify(listed)).not.toContain(value);

    // Stored sealed; readable only through the server-side repository function.
    const instance = await h.db().prisma.instance.findUniqueOrThrow({
      where: { componentId_environmentId: { componentId, environmentId } },
      select: { id: true },
    });
    const row = await h.db().prisma.secret.findFirstOrThrow({
      where: { instanceId: instance.id },
      select: { ciphertext: true, fingerprint: true },
    });
    expect(row.ciphertext).not.toContain(value);
    expect(await readSecret(instance.id, "SESSION_SECRET")).toBe(value);
    expect(await readSecret(instance.id, "STRIPE_API_KEY")).toBeNull();
    expect((await secretNamesSet([instance.id, "missing"])).get(instance.id)).toEqual([
      "SESSION_SECRET",
    ]);

    // The instance row was created with what the canvas showed for it: the first preset.
    const diagram = await dev.diagram.get({ projectId });
    expect(diagram.diagram.instances[componentId]?.[environmentId]?.preset).toBe("Node dev server");
    expect(diagram.diagram.instances[componentId]?.[productionId]).toBeUndefined();

    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "secret.set" },
      orderBy: { seq: "desc" },
      select: { before: true, after: true, componentId: true },
    });
    expect(event).toEqual({
      before: null,
      after: { name: "SESSION_SECRET", fingerprint: set.fingerprint },
      componentId,
    });
  });

  it("replaces and clears a secret, each one audit event with fingerprints only", async () => {
    const dev = await h.as("dev@acme.test");
    const old = (await dev.secret.list(target())).find((s) => s.name === "SESSION_SECRET")!;
    const events = await auditCount(h.db());
    const replaced = await dev.secret.set({
      ...target(),
      name: "SESSION_SECRET",
      value: "second value",
    });
    expect(replaced.fingerprint).not.toBe(old.fingerprint);
    const setEvent = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "secret.set" },
      orderBy: { seq: "desc" },
      select: { before: true, after: true },
    });
    expect(setEvent).toEqual({
      before: { name: "SESSION_SECRET", fingerprint: old.fingerprint },
      after: { name: "SESSION_SECRET", fingerprint: replaced.fingerprint },
    });

    const cleared = await dev.secret.clear({ ...target(), name: "SESSION_SECRET" });
    expect(cleared).toMatchObject({
      name: "SESSION_SECRET",
      set: false,
      fingerprint: null,
      setBy: null,
    });
    const clearEvent = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "secret.cleared" },
      orderBy: { seq: "desc" },
      select: { before: true, after: true },
    });
    expect(clearEvent).toEqual({
      before: { name: "SESSION_SECRET", fingerprint: replaced.fingerprint },
      after: null,
    });
    expect(await auditCount(h.db())).toBe(events + 2);

    await expectRefused(() => dev.secret.clear({ ...target(), name: "SESSION_SECRET" }), {
      code: "NOT_FOUND",
      message: 'name: "SESSION_SECRET" is not set in this environment',
    });
  });

  it("refuses an undeclared name and an empty value, writing nothing", async () => {
    const dev = await h.as("dev@acme.test");
    await expectRefused(() => dev.secret.set({ ...target(), name: "AWS_SECRET", value: "x" }), {
      code: "BAD_REQUEST",
      message: expect.stringMatching(
        /^name: "AWS_SECRET" is not a declared secret; declared secrets of local-process@[\d.]+: SESSION_SECRET, STRIPE_API_KEY$/,
      ),
    });
    await expectRefused(
      () => dev.secret.set({ ...target(), name: "SESSION_SECRET", value: "  " }),
      { code: "BAD_REQUEST", message: "Invalid input — value: must not be empty" },
    );
    // Not even the instance row is created for a refused secret in an environment without one.
    await expectRefused(
      () =>
        dev.secret.set({
          projectId,
          componentId,
          environmentId: productionId,
          name: "NOPE",
          value: "x",
        }),
      { code: "BAD_REQUEST" },
    );
  });

  it("refuses a viewer, another organization and a component of another project", async () => {
    const viewer = await h.as("viewer@acme.test");
    await expectRefused(
      () => viewer.secret.set({ ...target(), name: "SESSION_SECRET", value: "viewer value" }),
      { code: "FORBIDDEN", message: "This needs the developer or above role; you are viewer" },
    );
    await expectRefused(() => viewer.secret.clear({ ...target(), name: "SESSION_SECRET" }), {
      code: "FORBIDDEN",
    });

    const outsider = await h.as("owner@globex.test");
    await expect(outsider.secret.list(target())).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expectRefused(
      () => outsider.secret.set({ ...target(), name: "SESSION_SECRET", value: "outsider" }),
      { code: "NOT_FOUND" },
    );

    // Their own project id with our component: the component is not in that project.
    const billing = await h.db().prisma.project.findFirstOrThrow({
      where: { slug: "billing" },
      select: { id: true, environments: { select: { id: true }, take: 1 } },
    });
    await expectRefused(
      () =>
        outsider.secret.set({
          projectId: billing.id,
          componentId,
          environmentId: billing.environments[0]!.id,
          name: "SESSION_SECRET",
          value: "outsider",
        }),
      { code: "NOT_FOUND", message: "Component or environment not found in this project" },
    );
  });
});
