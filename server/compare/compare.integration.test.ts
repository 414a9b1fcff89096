// Compare on both databases: the demo's staging against production shows its param, policy,
// preset, secret and environment-default differences; secrets and sensitive outputs appear
// as fingerprints or masked, never as values; viewers may compare, other organizations may
// not even learn the project exists; a comparison writes nothing, not even an audit event.
import { randomBytes } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import {
  auditCount,
  forEachDatabase,
  snapshot,
  type Harness,
  acmeFingerprint,
} from "@/test/integration";
import { MASKED } from "../domain/diff/mask";
import { seedDemoDiagram } from "../seed-diagram";

forEachDatabase("compare", (h: Harness) => {
  let projectId = "";
  let staging = "";
  let production = "";
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    // The harness seeds organizations and the catalog; the demo diagram is added on first start.
    expect(await seedDemoDiagram()).toBe(true);
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" }, select: { id: true } });
    projectId = project.id;
    const dev = await h.as("dev@acme.test");
    const envs = (await dev.project.get({ projectId })).environments;
    staging = envs.find((e) => e.slug === "staging")!.id;
    production = envs.find((e) => e.slug === "production")!.id;
    const { diagram } = await dev.diagram.get({ projectId });
    ids = Object.fromEntries(diagram.components.map((c) => [c.name, c.id]));
  });

  const compare = async (email: string, left = staging, right = production) =>
    (await h.as(email)).compare.environments({ projectId, left, right });

  it("shows the demo's differences: params, preset and credentials of the database, the API's database line and its secret", async () => {
    const { diff, diagram } = await compare("dev@acme.test");
    expect(diff.left.environment.slug).toBe("staging");
    expect(diff.right.environment.slug).toBe("production");

    const db = diff.components.find((c) => c.componentId === ids["orders-db"])!;
    expect(db.status).toBe("changed");
    expect(db.changes).toContainEqual({
      kind: "param",
      path: "instance_class",
      segments: ["instance_class"],
      status: "changed",
      left: "db.t4g.micro",
      right: "db.r7g.large",
    });
    const preset = db.changes.find((c) => c.kind === "preset")!;
    expect(preset).toMatchObject({
      path: "",
      status: "changed",
      left: { name: "Development" },
      right: { name: "Postgres – Production", version: 1 },
    });

    const api = diff.components.find((c) => c.componentId === ids.api)!;
    const session = api.changes.find((c) => c.kind === "secret" && c.path === "SESSION_SECRET")!;
    expect(session.status).toBe("removed");
    expect(session.left).toMatch(/^[0-9a-f]{12}$/);
    // Production's ops-supplied role fills every unconnected credentials slot.
    expect(db.changes).toContainEqual(
      expect.objectContaining({
        kind: "remoteReference",
        path: "aws_authentication",
        status: "added",
        right: expect.objectContaining({ label: "deploy-role" }),
      }),
    );

    const dbLink = diagram.links.find((l) => l.from === ids["orders-db"] && l.to === ids.api)!;
    expect(diff.links.find((l) => l.linkId === dbLink.id)).toEqual({
      linkId: dbLink.id,
      status: "changed",
      left: ["read-only"],
      right: ["read-write"],
    });
    // Only what differs is listed; the rest is counted, and same lines grouped by what they grant.
    expect(diff.links).toHaveLength(1);
    const sameLines = diff.sameLinks.flatMap((g) => g.links);
    expect(sameLines.length + 1).toBe(diagram.links.length);
    expect(diff.sameLinks.find((g) => g.links.includes(dbLink.id))).toBeUndefined();
    expect(diff.components.every((c) => c.name === undefined)).toBe(true);
    expect(diff.summary.components.changed).toBeGreaterThanOrEqual(2);
    expect(diff.summary.components.same + diff.components.length).toBe(diagram.components.length);
    expect(diff.summary.links).toEqual({
      same: sameLines.length,
      changed: 1,
      added: 0,
      removed: 0,
    });
    // The drawing: every component at its stored position; each bundle version's icon and slots
    // (for the lines' handles) once, a line's type and colour its producer's output slot's.
    const drawn = diagram.components.find((c) => c.name === "orders-db")!;
    expect(drawn).toMatchObject({ bundle: "aws-rds-postgres", x: 340, y: 0 });
    const bundle = diagram.bundles[`${drawn.bundle}@${drawn.version}`]!;
    expect(bundle.icon).toBe("database");
    expect(bundle.outputs.map((s) => s.key)).toEqual(["database"]);
    expect(bundle.outputs.find((s) => s.key === dbLink.fromArtifact)?.type).toBe("postgresql");
    expect(Object.keys(diagram.bundles).sort()).toEqual(
      [...new Set(diagram.components.map((c) => `${c.bundle}@${c.version}`))].sort(),
    );
  });

  it("compares a secret by its fingerprint prefix only: its value is nowhere in the result", async () => {
    const dev = await h.as("dev@acme.test");
    const value = `sentry-${randomBytes(12).toString("hex")}`;
    await dev.secret.set({
      projectId,
      componentId: ids.api!,
      environmentId: production,
      name: "SENTRY_DSN",
      value,
    });
    const result = await compare("viewer@acme.test");
    const change = result.diff.components
      .find((c) => c.componentId === ids.api)!
      .changes.find((c) => c.path === "SENTRY_DSN")!;
    expect(change).toEqual({
      kind: "secret",
      path: "SENTRY_DSN",
      segments: ["SENTRY_DSN"],
      status: "added",
      right: (await acmeFingerprint(h, value)).slice(0, 12),
    });
    const json = JSON.stringify(result);
    expect(json).not.toContain(value);
    expect(json).not.toContain(await acmeFingerprint(h, value));

    // The same value on both sides is the same: nothing to report.
    await dev.secret.set({
      projectId,
      componentId: ids.api!,
      environmentId: staging,
      name: "SENTRY_DSN",
      value,
    });
    const again = await compare("viewer@acme.test");
    expect(
      again.diff.components
        .find((c) => c.componentId === ids.api)!
        .changes.some((c) => c.path === "SENTRY_DSN"),
    ).toBe(false);
  });

  it("masks sensitive output fields (compared by fingerprint, shown as masked) and shows the rest", async () => {
    const ops = await h.as("ops@acme.test");
    const payload = (env: string, password: string) => ({
      hostname: `orders.${env}.internal`,
      port: 5432,
      database: "app",
      username: "patchbay",
      password,
      version: "16",
    });
    const shared = `pw-${randomBytes(10).toString("hex")}`;
    const rotated = `pw-${randomBytes(10).toString("hex")}`;
    const db = ids["orders-db"]!;
    await ops.access.recordOutputs({
      projectId,
      componentId: db,
      environmentId: staging,
      slot: "database",
      payload: payload("staging", shared),
    });
    await ops.access.recordOutputs({
      projectId,
      componentId: db,
      environmentId: production,
      slot: "database",
      payload: payload("production", shared),
    });

    const same = (await compare("viewer@acme.test")).diff.components
      .find((c) => c.componentId === ids["orders-db"])!
      .changes.filter((c) => c.kind === "artifact");
    expect(same).toEqual([
      {
        kind: "artifact",
        path: "database.hostname",
        segments: ["database", "hostname"],
        status: "changed",
        left: "orders.staging.internal",
        right: "orders.production.internal",
      },
    ]);

    await ops.access.recordOutputs({
      projectId,
      componentId: db,
      environmentId: production,
      slot: "database",
      payload: payload("production", rotated),
    });
    const result = await compare("viewer@acme.test");
    const outputs = result.diff.components
      .find((c) => c.componentId === ids["orders-db"])!
      .changes.filter((c) => c.kind === "artifact");
    expect(outputs).toContainEqual({
      kind: "artifact",
      path: "database.password.fingerprint",
      segments: ["database", "password", "fingerprint"],
      status: "changed",
      left: MASKED,
      right: MASKED,
      masked: true,
    });
    expect(result.diff.summary.masked).toBeGreaterThanOrEqual(1);
    const json = JSON.stringify(result);
    for (const secret of [
      shared,
      rotated,
      (await acmeFingerprint(h, shared)).slice(0, 12),
      (await acmeFingerprint(h, rotated)).slice(0, 12),
    ])
      expect(json).not.toContain(secret);
  });

  it("reports nothing between an environment and itself", async () => {
    const { diff } = await compare("viewer@acme.test", production, production);
    expect(diff.summary.changes).toBe(0);
    expect(diff.components).toEqual([]);
    expect(diff.links).toEqual([]);
  });

  it("lets a viewer compare and writes nothing, not even an audit event", async () => {
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await compare("viewer@acme.test");
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("answers NOT_FOUND to another organization, and for an environment of another project", async () => {
    await expect(compare("owner@globex.test")).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await h.db().prisma.environment.findFirstOrThrow({
      where: { projectId: { not: projectId } },
      select: { id: true },
    });
    await expect(compare("dev@acme.test", staging, other.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining("right"),
    });
    await expect(
      (await h.as(null)).compare.environments({ projectId, left: staging, right: production }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
