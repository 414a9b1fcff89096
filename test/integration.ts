// Integration harness: each suite runs once per available database — always PGlite, and also
// PostgreSQL when scripts/test.ts found one (PATCHBAY_TEST_DATABASES). Every suite gets a
// fresh, migrated, seeded database of its own; nothing is mocked.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe } from "vitest";
import { TOKEN_PREFIX } from "@/server/domain/auth/api-tokens";
import type { Role } from "@/server/domain/roles";
import { hashToken } from "@/server/tokens/service";
import { makeContext, makeTokenContext } from "@/server/api/context";
import { createCaller } from "@/server/api/root";
import { migrateDatabase, openDatabase } from "@/server/db/connect";
import type { Database } from "@/server/db";
import { registerDatabase } from "@/server/db";
import { findUserForSignIn } from "@/server/repositories/users";
import { userForSession } from "@/server/auth/sessions";
import { fingerprint } from "@/server/crypto/fingerprint";
import { catalogRoot } from "@/server/catalog/root";
import { syncCatalog } from "@/server/catalog/sync";
import { seedDemo } from "@/server/seed";
import { seedOtherOrganization } from "./fixtures";
import { createScratchDatabase } from "./scratch-db";

export { ADMIN_URL, createScratchDatabase } from "./scratch-db";

export type DatabaseKind = "pglite" | "postgresql";

export const TEST_DATABASES: DatabaseKind[] = (process.env.PATCHBAY_TEST_DATABASES ?? "pglite")
  .split(",")
  .filter((k): k is DatabaseKind => k === "pglite" || k === "postgresql");

export interface Harness {
  kind: DatabaseKind;
  db(): Database;
  /** a tRPC caller acting as the user with this email (null: signed out) */
  as(email: string | null): Promise<ReturnType<typeof createCaller>>;
  /** a tRPC caller for whoever a session id stands for (a revoked or expired one: signed out) */
  asSession(sessionId: string): Promise<ReturnType<typeof createCaller>>;
  /**
   * a tRPC caller presenting `Authorization: Bearer <value>`, its context built as the HTTP route
   * builds it
   */
  asToken(value: string): Promise<ReturnType<typeof createCaller>>;
}

/**
 * A fresh, empty database of `kind` (not migrated): in-memory PGlite, or a scratch PostgreSQL
 * database `drop` removes.
 */
export async function openTestDatabase(
  kind: DatabaseKind,
): Promise<{ database: Database; drop?: () => Promise<void> }> {
  if (kind === "pglite") return { database: await openDatabase({ dataDir: "memory" }) };
  const scratch = await createScratchDatabase();
  return { database: await openDatabase({ url: scratch.url }), drop: scratch.drop };
}

/** The real server when the run has one, else PGlite: for suites whose subject is not the DB. */
export const ONE_DATABASE: DatabaseKind[] = [TEST_DATABASES.at(-1) ?? "pglite"];

export function forEachDatabase(
  title: string,
  body: (h: Harness) => void,
  kinds: readonly DatabaseKind[] = TEST_DATABASES,
): void {
  for (const kind of kinds) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      let drop: (() => Promise<void>) | undefined;
      beforeAll(async () => {
        ({ database, drop } = await openTestDatabase(kind));
        await migrateDatabase(database);
        await seedDemo();
        await syncCatalog(catalogRoot());
        await seedOtherOrganization();
      });
      afterAll(async () => {
        await database?.close();
        registerDatabase(undefined);
        await drop?.();
      });
      body({
        kind,
        db: () => {
          if (!database) throw new Error("database not open yet");
          return database;
        },
        async asSession(sessionId) {
          return createCaller(
            makeContext(await userForSession(sessionId), {
              requestId: "test-request",
              ip: "127.0.0.1",
              userAgent: "vitest",
            }),
          );
        },
        async asToken(value) {
          return createCaller(
            await makeTokenContext(value, {
              requestId: "test-request",
              ip: "127.0.0.1",
              userAgent: "vitest",
            }),
          );
        },
        async as(email) {
          const user = email ? await findUserForSignIn(email) : null;
          if (email && !user) throw new Error(`no test user ${email}`);
          const dto = user ? { id: user.id, email: user.email, name: user.name } : null;
          return createCaller(
            makeContext(dto, { requestId: "test-request", ip: "127.0.0.1", userAgent: "vitest" }),
          );
        },
      });
    });
  }
}

/** md5 of every row of every table but the audit trail: equal snapshots mean nothing changed. */
export async function snapshot(
  database: Database,
  exclude: string[] = ["AuditEvent", "AuditChain", "_prisma_migrations"],
): Promise<Record<string, string>> {
  const tables = await database.sql.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (exclude.includes(name)) continue;
    const [row] = await database.sql.query<{ digest: string | null; n: string }>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest, count(*)::text AS n FROM "${name}" t`,
    );
    out[name] = `${row?.n}:${row?.digest}`;
  }
  return out;
}

export async function auditCount(database: Database): Promise<number> {
  const [row] = await database.sql.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM "AuditEvent"`,
  );
  return Number(row?.n ?? 0);
}

/**
 * The demo organization's keyed fingerprint (hex) of a value, as its secrets, compare and snapshots
 * hold it.
 */
export async function acmeFingerprint(h: Harness, value: string): Promise<string> {
  const org = await h
    .db()
    .prisma.organization.findFirstOrThrow({ where: { slug: "acme" }, select: { id: true } });
  return fingerprint(value, org.id);
}

/**
 * A live API token of the organization with this slug, written directly (set-up, no audit
 * event); returns its value and id.
 */
export async function testToken(
  h: Harness,
  organizationSlug: string,
  role: Role,
  name = `t-${randomBytes(3).toString("hex")}`,
): Promise<{ id: string; value: string }> {
  const prisma = h.db().prisma;
  const org = await prisma.organization.findFirstOrThrow({
    where: { slug: organizationSlug },
    select: { id: true },
  });
  const value = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = await prisma.apiToken.create({
    data: {
      organizationId: org.id,
      name,
      role,
      tokenHash: hashToken(value),
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    },
    select: { id: true },
  });
  return { id: row.id, value };
}
