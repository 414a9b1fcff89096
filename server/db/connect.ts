// Opens the database. Imported only by the process that owns it (scripts/start.ts, tests,
// CLI scripts) — never by Next's bundle, which finds the open database through server/db.ts.
// Embedded: PGlite (PostgreSQL compiled to Wasm) in a data directory, one process per directory.
// Server: node-postgres pool through @prisma/adapter-pg.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import { registerDatabase } from "./handle";
import { tightenTree } from "../local-secrets";
import { log } from "../log";
import { migrate } from "./migrate";
import type { SqlRunner } from "./sql-runner";
import type { Database } from "./types";

export interface OpenOptions {
  /** postgresql:// URL; when absent the embedded database is used */
  url?: string;
  /** PGlite data directory, or "memory" for a throwaway in-memory database */
  dataDir?: string;
  /** make this the process-wide database that server/db.ts hands out (default true) */
  register?: boolean;
}

function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const memory = dataDir === "memory";
  // Private: the database files hold everything (start-up also sets umask 077, see
  // local-secrets.ts).
  if (!memory) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true, mode: 0o700 });
  const lite = await PGlite.create(memory ? undefined : dataDir);
  // PGlite lays out a new data directory from its template with explicit 0666/0777 modes
  // (a chmod, which no umask prevents); files it creates later honour the umask.
  if (!memory) tightenTree(path.resolve(dataDir));
  const sql: SqlRunner = {
    exec: async (text) => void (await lite.exec(text)),
    query: async <T>(text: string, params?: unknown[]) => (await lite.query<T>(text, params)).rows,
  };
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(lite) });
  return {
    mode: "embedded",
    location: memory ? "memory" : path.resolve(dataDir),
    prisma,
    sql,
    session: (fn) => fn(sql), // PGlite has exactly one connection
    async close() {
      await prisma.$disconnect();
      if (!lite.closed) await lite.close();
    },
  };
}

async function openServer(url: string): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
  });
  // An idle client whose server connection ends (a PostgreSQL restart, a terminated backend)
  // emits on the pool; without a listener that error would crash the process. The pool drops
  // the client and the next query opens a fresh one.
  pool.on("error", (error) =>
    log.warn({ err: error }, "an idle PostgreSQL connection was closed by the server"),
  );
  // Fail fast with a clear message rather than on the first query.
  await pool.query("SELECT 1").catch((error: Error) => {
    void pool.end();
    throw new Error(`cannot reach PostgreSQL at ${redactUrl(url)}: ${error.message}`);
  });
  const sql: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    query: async <T>(text: string, params?: unknown[]) =>
      (await pool.query(text, params)).rows as T[],
  };
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    mode: "postgresql",
    location: redactUrl(url),
    prisma,
    sql,
    async session(fn) {
      const client = await pool.connect();
      try {
        return await fn({
          exec: async (text) => void (await client.query(text)),
          query: async <T>(text: string, params?: unknown[]) =>
            (await client.query(text, params)).rows as T[],
        });
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Opens (and by default registers) the database described by `options`. */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const db = options.url
    ? await openServer(options.url)
    : await openEmbedded(options.dataDir ?? "memory");
  if (options.register !== false) registerDatabase(db);
  return db;
}

/** Applies pending migrations on one connection (the advisory lock is per session). */
export function migrateDatabase(db: Database): Promise<string[]> {
  return db.session((sql) => migrate(sql));
}
