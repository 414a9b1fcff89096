// Roles and tenancy, enforced by the server: every refusal is clear, changes nothing, and is
// itself recorded in the audit trail.
import { expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot } from "@/test/integration";

forEachDatabase("roles and tenancy", (h) => {
  async function acme() {
    const dev = await h.as("dev@acme.test");
    const [membership] = (await dev.me.get()).memberships;
    const project = await dev.project.bySlug({
      organizationId: membership!.organizationId,
      slug: "ecommerce-api",
    });
    return { organizationId: membership!.organizationId, project };
  }

  it("a signed-out caller is refused", async () => {
    const anonymous = await h.as(null);
    await expect(anonymous.me.get()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
      message: "Sign in first",
    });
  });

  it("a member sees their organization's projects with their role", async () => {
    const { project } = await acme();
    expect(project.slug).toBe("ecommerce-api");
    expect(project.role).toBe("developer");
    expect(project.environments.map((e) => e.slug)).toEqual(["staging", "production"]);
  });

  it("another organization's member can neither read nor change the project, and nothing changes", async () => {
    const { organizationId, project } = await acme();
    const outsider = await h.as("owner@globex.test");
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());

    await expect(outsider.project.get({ projectId: project.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found",
    });
    await expect(outsider.project.list({ organizationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      outsider.project.update({ projectId: project.id, name: "pwned" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      outsider.environment.create({ projectId: project.id, slug: "evil", name: "Evil" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      outsider.project.create({ organizationId, slug: "intruder", name: "intruder" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });

    expect(await snapshot(h.db())).toEqual(before);
    // Each refusal is recorded (as "denied"), nothing else is.
    expect(await auditCount(h.db())).toBe(events + 5);
    const denied = await h.db().prisma.auditEvent.findMany({
      where: { outcome: "denied", actorLabel: "owner@globex.test" },
      orderBy: { at: "asc" },
    });
    expect(denied.map((e) => e.action)).toEqual([
      "project.read",
      "project.list",
      "project.update",
      "environment.create",
      "project.create",
    ]);
  });

  it("a viewer cannot change anything; a developer cannot create projects; nothing changes", async () => {
    const { organizationId, project } = await acme();
    const viewer = await h.as("viewer@acme.test");
    const dev = await h.as("dev@acme.test");
    const before = await snapshot(h.db());

    await expect(
      viewer.project.update({ projectId: project.id, description: "changed" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This needs the developer or above role; you are viewer",
    });
    await expect(
      dev.project.create({ organizationId, slug: "new-thing", name: "new-thing" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This needs the ops or above role; you are developer",
    });
    await expect(
      dev.environment.create({ projectId: project.id, slug: "qa", name: "QA" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await snapshot(h.db())).toEqual(before);
  });

  it("bad input names the field and the rule and writes nothing", async () => {
    const { organizationId } = await acme();
    const ops = await h.as("ops@acme.test");
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await expect(
      ops.project.create({ organizationId, slug: "Bad Slug!", name: "" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/slug: must be 2–40 lowercase letters.*name: is required/),
    });
    await expect(
      ops.project.create({ organizationId, slug: "ecommerce-api", name: "dup" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: 'slug: a project named "ecommerce-api" already exists',
    });
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("ops creates a project with staging and production, audited once", async () => {
    const { organizationId } = await acme();
    const ops = await h.as("ops@acme.test");
    const events = await auditCount(h.db());
    const created = await ops.project.create({
      organizationId,
      slug: "payments",
      name: "payments",
    });
    const project = await ops.project.get({ projectId: created.id });
    expect(project.environments.map((e) => [e.slug, e.class, e.protected])).toEqual([
      ["staging", "non_production", false],
      ["production", "production", true],
    ]);
    expect(await auditCount(h.db())).toBe(events + 1);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { action: "project.created", targetId: created.id },
    });
    expect(event).toMatchObject({
      actorLabel: "ops@acme.test",
      actorRole: "ops",
      outcome: "success",
      requestId: "test-request",
      ip: "127.0.0.1",
    });
  });

  it("a refused attempt with an id at the length limit is audited; past the limit, or with a NUL byte, it is bad input naming the field", async () => {
    const outsider = await h.as("owner@globex.test");
    const longest = "p".repeat(64);
    const events = await auditCount(h.db());
    const before = await snapshot(h.db());
    await expect(outsider.project.get({ projectId: longest })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Project not found",
    });
    await expect(
      outsider.environmentDefault.list({ environmentId: longest }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Both refusals are in the trail, with the id as given.
    expect(await auditCount(h.db())).toBe(events + 2);
    const denied = await h
      .db()
      .prisma.auditEvent.findMany({ where: { outcome: "denied", targetId: longest } });
    expect(denied).toHaveLength(2);

    await expect(outsider.project.get({ projectId: "p".repeat(65) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("projectId"),
    });
    await expect(outsider.project.get({ projectId: "p".repeat(100_000) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("projectId"),
    });
    await expect(outsider.project.get({ projectId: "a\u0000b" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "projectId: must not contain NUL characters",
    });
    expect(await auditCount(h.db())).toBe(events + 2);
    expect(await snapshot(h.db())).toEqual(before);
  });
});
