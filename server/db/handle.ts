// The process-wide database handle. The owning process (scripts/start.ts, a test, a CLI
// script) opens it with ./connect.ts, which registers it here; everything else — Next's
// bundled route handlers included — reaches it through `db()` (server/db.ts). It lives on
// globalThis because Next's bundle and the start script load separate copies of this module.
import "server-only";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { Database } from "./types";

const holder = globalThis as typeof globalThis & { __patchbayDb?: Database };

export function registerDatabase(database: Database | undefined): void {
  holder.__patchbayDb = database;
}

export function db(): Database {
  const database = holder.__patchbayDb;
  if (!database) throw new Error("the database is not open (start Patchbay with `npm start`)");
  return database;
}

export function prisma(): PrismaClient {
  return db().prisma;
}

/** The client handed to work inside `prisma().$transaction(async (tx) => …)`. */
export type Tx = Prisma.TransactionClient;
