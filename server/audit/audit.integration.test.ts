// The audit trail's guarantees, on both databases: one event per mutation, atomic with the
// change, append-only at the database, and tamper-evident through the hash chain.
import { expect, it } from "vitest";
import { appRouter } from "@/server/api/root";
import type { SqlRunner } from "@/server/db/sql-runner";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { mutationCases } from "@/test/mutation-cases";
import { signInWithPassword } from "@/server/auth/sign-in";
import { DEMO_PASSWORD } from "@/server/seed";
import { verifyChain } from "./verify";

function mutationPaths(): string[] {
  // At run time tRPC keeps a flat map of "router.procedure" paths.
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: string } }
  >;
  return Object.entries(procedures)
    .filter(([, p]) => p._def.type === "mutation")
    .map(([path]) => path)
    .sort();
}

/** Runs `fn` on one connection with triggers off, as a superuser could. */
async function asSuperuser(h: Harness, fn: (sql: SqlRunner) => Promise<void>): Promise<void> {
  await h.db().session(async (sql) => {
    await sql.exec("SET session_replication_role = replica");
    try {
      await fn(sql);
    } finally {
      await sql.exec("SET session_replication_role = DEFAULT");
    }
  });
}

async function acmeId(h: Harness): Promise<string> {
  const org = await h
    .db()
    .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
  return org.id;
}

forEachDatabase("audit trail", (h) => {
  it("every mutating procedure writes exactly one audit event", async () => {
    const cases = mutationCases();
    // A new mutation without a case here fails the suite: add one, and audit it.
    expect(Object.keys(cases).sort()).toEqual(mutationPaths());
    for (const [path, run] of Object.entries(cases)) {
      const before = await auditCount(h.db());
      const { action } = await run(h);
      expect(await auditCount(h.db()), path).toBe(before + 1);
      const last = await h
        .db()
        .prisma.auditEvent.findFirstOrThrow({ orderBy: { at: "desc" }, where: { action } });
      expect(last.outcome, path).toBe("success");
    }
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE of audit events", async () => {
    await expect(h.db().sql.exec(`UPDATE "AuditEvent" SET action = 'x'`)).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(h.db().sql.exec(`DELETE FROM "AuditEvent"`)).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(h.db().sql.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(
      /append-only: TRUNCATE refused/,
    );
    expect(await auditCount(h.db())).toBeGreaterThan(0);
  });

  it("when the audit insert fails, the change is rolled back", async () => {
    const dev = await h.as("dev@acme.test");
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    await h
      .db()
      .sql.exec(
        `ALTER TABLE "AuditEvent" ADD CONSTRAINT test_refuse CHECK (action <> 'project.updated') NOT VALID`,
      );
    try {
      await expect(
        dev.project.update({ projectId: project.id, description: "should not stick" }),
      ).rejects.toThrow();
    } finally {
      await h.db().sql.exec(`ALTER TABLE "AuditEvent" DROP CONSTRAINT test_refuse`);
    }
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("when the change fails half-way, no audit event and no partial write remain", async () => {
    const ops = await h.as("ops@acme.test");
    const organizationId = await acmeId(h);
    const before = await snapshot(h.db());
    const events = await auditCount(h.db());
    // The project and its staging environment insert fine; production then fails.
    await h
      .db()
      .sql.exec(
        `ALTER TABLE "Environment" ADD CONSTRAINT test_refuse CHECK (slug <> 'production' OR "projectId" IN (SELECT 1::text WHERE false)) NOT VALID`,
      )
      .catch(async () => {
        // PostgreSQL refuses subqueries in CHECK: a plain rule on the name does the same job here.
        await h
          .db()
          .sql.exec(
            `ALTER TABLE "Environment" ADD CONSTRAINT test_refuse CHECK (name <> 'Production') NOT VALID`,
          );
      });
    try {
      await expect(
        ops.project.create({ organizationId, slug: "half-made", name: "half-made" }),
      ).rejects.toThrow();
    } finally {
      await h.db().sql.exec(`ALTER TABLE "Environment" DROP CONSTRAINT test_refuse`);
    }
    expect(await snapshot(h.db())).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
  });

  it("concurrent writers keep one unbroken chain", async () => {
    const dev = await h.as("dev@acme.test");
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        dev.project.update({ projectId: project.id, description: `parallel ${i}` }),
      ),
    );
    const result = await verifyChain(await acmeId(h));
    expect(result.ok).toBe(true);
    expect(result.checked).toBe(result.headSeq);
  });

  it("verify detects an altered event and names it", async () => {
    const chain = await acmeId(h);
    expect((await verifyChain(chain)).ok).toBe(true);
    const [target] = await h
      .db()
      .sql.query<{ id: string; seq: number; actorLabel: string }>(
        `SELECT id, seq, "actorLabel" FROM "AuditEvent" WHERE chain = $1 AND seq = 3`,
        [chain],
      );
    await asSuperuser(h, (sql) =>
      sql.exec(
        `UPDATE "AuditEvent" SET "actorLabel" = 'someone-else@acme.test' WHERE id = '${target!.id}'`,
      ),
    );
    const broken = await verifyChain(chain);
    expect(broken).toMatchObject({
      ok: false,
      firstBad: { id: target!.id, seq: 3, reason: expect.stringMatching(/altered/) },
    });
    await asSuperuser(h, (sql) =>
      sql.exec(
        `UPDATE "AuditEvent" SET "actorLabel" = '${target!.actorLabel}' WHERE id = '${target!.id}'`,
      ),
    );
    expect((await verifyChain(chain)).ok).toBe(true);
  });

  it("verify detects a deleted event and names where the gap is", async () => {
    const chain = await acmeId(h);
    const [row] = await h
      .db()
      .sql.query<Record<string, unknown>>(
        `SELECT * FROM "AuditEvent" WHERE chain = $1 AND seq = 2`,
        [chain],
      );
    await asSuperuser(h, (sql) => sql.exec(`DELETE FROM "AuditEvent" WHERE id = '${row!.id}'`));
    const broken = await verifyChain(chain);
    expect(broken).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: expect.stringMatching(/expected event #2 but found #3/) },
    });
    await asSuperuser(h, (sql) =>
      sql.exec(
        `INSERT INTO "AuditEvent" SELECT * FROM json_populate_record(NULL::"AuditEvent", '${JSON.stringify(row).replaceAll("'", "''")}')`,
      ),
    );
    expect((await verifyChain(chain)).ok).toBe(true);
  });

  it("verify detects deletion of the newest event through the chain head", async () => {
    const chain = await acmeId(h);
    const [row] = await h
      .db()
      .sql.query<Record<string, unknown>>(
        `SELECT * FROM "AuditEvent" WHERE chain = $1 ORDER BY seq DESC LIMIT 1`,
        [chain],
      );
    await asSuperuser(h, (sql) => sql.exec(`DELETE FROM "AuditEvent" WHERE id = '${row!.id}'`));
    const broken = await verifyChain(chain);
    expect(broken).toMatchObject({
      ok: false,
      firstBad: { seq: row!.seq, reason: expect.stringMatching(/newest event\(s\) missing/) },
    });
    await asSuperuser(h, (sql) =>
      sql.exec(
        `INSERT INTO "AuditEvent" SELECT * FROM json_populate_record(NULL::"AuditEvent", '${JSON.stringify(row).replaceAll("'", "''")}')`,
      ),
    );
    expect((await verifyChain(chain)).ok).toBe(true);
  });

  it("verify detects reordered events", async () => {
    const chain = await acmeId(h);
    const rows = await h
      .db()
      .sql.query<{ id: string; seq: number }>(
        `SELECT id, seq FROM "AuditEvent" WHERE chain = $1 AND seq IN (4, 5) ORDER BY seq`,
        [chain],
      );
    const [a, b] = rows;
    const swap = (x: number, y: number) =>
      asSuperuser(h, async (sql) => {
        await sql.exec(`UPDATE "AuditEvent" SET seq = -1 WHERE id = '${a!.id}'`);
        await sql.exec(`UPDATE "AuditEvent" SET seq = ${x} WHERE id = '${b!.id}'`);
        await sql.exec(`UPDATE "AuditEvent" SET seq = ${y} WHERE id = '${a!.id}'`);
      });
    await swap(4, 5);
    const broken = await verifyChain(chain);
    expect(broken).toMatchObject({ ok: false, firstBad: { id: b!.id, seq: 4 } });
    await swap(5, 4);
    expect((await verifyChain(chain)).ok).toBe(true);
  });

  it("a viewer reads the trail and verifies it but sees no other organization's events", async () => {
    const viewer = await h.as("viewer@acme.test");
    const organizationId = await acmeId(h);
    const page = await viewer.audit.list({ organizationId, limit: 500 });
    expect(page.events.length).toBeGreaterThan(0);
    expect(
      page.events.every((e) => e.actorLabel !== "owner@globex.test" || e.outcome === "denied"),
    ).toBe(true);
    const globex = await h
      .db()
      .prisma.organization.findUniqueOrThrow({ where: { slug: "globex" } });
    await expect(viewer.audit.list({ organizationId: globex.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(viewer.audit.verify({ organizationId: globex.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await viewer.audit.verify({ organizationId })).ok).toBe(true);
  });

  it("names what a page's events touched, and leaves sign-ins out when asked", async () => {
    const signedIn = await signInWithPassword(
      { email: "viewer@acme.test", password: DEMO_PASSWORD },
      { requestId: "r-names", ip: "10.0.0.9", userAgent: "vitest" },
    );
    expect(signedIn.ok).toBe(true);
    const viewer = await h.as("viewer@acme.test");
    const organizationId = await acmeId(h);
    const all = await viewer.audit.list({ organizationId, limit: 500 });
    expect(all.events.some((e) => e.action === "auth.signed_in")).toBe(true);
    const shop = await h.db().prisma.project.findFirstOrThrow({
      where: { organization: { slug: "acme" }, slug: "ecommerce-api" },
      select: { id: true, name: true, slug: true },
    });
    expect(all.names.projects[shop.id]).toEqual({ slug: shop.slug, name: shop.name });
    const inProject = all.events.filter((e) => e.projectId === shop.id && e.componentId);
    for (const e of inProject)
      expect(all.names.components[`${shop.id}/${e.componentId}`]?.name, e.action).toBeTruthy();
    const quiet = await viewer.audit.list({ organizationId, limit: 500, hideSignIns: true });
    expect(quiet.events.length).toBeGreaterThan(0);
    expect(quiet.events.some((e) => e.action === "auth.signed_in")).toBe(false);
  });

  it("filters, free-text search and exports", async () => {
    const ops = await h.as("ops@acme.test");
    const organizationId = await acmeId(h);
    const byActor = await ops.audit.list({ organizationId, actor: "dev@acme.test" });
    expect(byActor.events.length).toBeGreaterThan(0);
    expect(byActor.events.every((e) => e.actorLabel === "dev@acme.test")).toBe(true);
    const byText = await ops.audit.list({ organizationId, q: "parallel 7" });
    // Matches the update that wrote it (after) and the one that replaced it (before).
    expect(byText.events.length).toBeGreaterThan(0);
    expect(new Set(byText.events.map((e) => e.action))).toEqual(new Set(["project.updated"]));
    expect(
      byText.events.every((e) => JSON.stringify([e.before, e.after]).includes("parallel 7")),
    ).toBe(true);
    const csv = await ops.audit.export({
      organizationId,
      action: "project.updated",
      format: "csv",
    });
    expect(csv.body.split("\r\n")[0]).toMatch(/^seq,at,actorType,actorLabel/);
    expect(csv.body).toContain("parallel 7");
    const jsonl = await ops.audit.export({ organizationId, format: "jsonl" });
    const lines = jsonl.body
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(jsonl.count);
    expect(lines[0].seq).toBeLessThan(lines[lines.length - 1].seq);
  });
});
