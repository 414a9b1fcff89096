// Our own migration runner: applies prisma/migrations/*/migration.sql in order, each in a
// transaction, and records it in `_prisma_migrations` the way Prisma does (so `prisma migrate
// status` agrees). Prisma's CLI cannot run against the app's PGlite data directory (it never
// closes it), and offline it only has the Wasm engine; this runner works on both databases.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlRunner } from "./sql-runner";

const MIGRATIONS_DIR = path.join(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any fixed number: several app processes starting together on one PostgreSQL serialize here.
const MIGRATION_LOCK = 72_616_263;

async function applied(db: SqlRunner): Promise<Map<string, string>> {
  const rows = await db.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  return new Map(rows.map((r) => [r.migration_name, r.checksum]));
}

export interface MigrationStatus {
  current: boolean;
  applied: number;
  pending: string[];
}

export async function migrationStatus(
  db: SqlRunner,
  files = readMigrations(),
): Promise<MigrationStatus> {
  const exists = await db.query<{ t: string | null }>(
    `SELECT to_regclass('"_prisma_migrations"')::text AS t`,
  );
  const done = exists[0]?.t ? await applied(db) : new Map<string, string>();
  const pending = files.filter((f) => !done.has(f.name)).map((f) => f.name);
  return { current: pending.length === 0, applied: done.size, pending };
}

/** Applies every pending migration; returns the names applied. */
export async function migrate(db: SqlRunner, files = readMigrations()): Promise<string[]> {
  await db.exec(CREATE_TABLE);
  await db.exec(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
  try {
    const done = await applied(db);
    const ran: string[] = [];
    for (const file of files) {
      const previous = done.get(file.name);
      if (previous !== undefined) {
        if (previous !== file.checksum) {
          throw new Error(
            `migration ${file.name} was edited after it was applied (checksum differs)`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await db
        .exec(
          `BEGIN;\n${file.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('${id}', '${file.checksum}', '${file.name.replace(/'/g, "''")}', now(), now(), 1);\nCOMMIT;`,
        )
        .catch(async (error: unknown) => {
          await db.exec("ROLLBACK").catch(() => {});
          throw new Error(`migration ${file.name} failed: ${(error as Error).message}`);
        });
      ran.push(file.name);
    }
    return ran;
  } finally {
    await db.exec(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
  }
}
