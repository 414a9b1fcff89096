import type { PrismaClient } from "../generated/prisma/client";
import type { SqlRunner } from "./sql-runner";

type DbMode = "embedded" | "postgresql";

/** An open database: the Prisma client plus raw SQL for migrations, health and maintenance. */
export interface Database {
  mode: DbMode;
  /** where the data lives: a data directory, "memory", or the server URL without password */
  location: string;
  prisma: PrismaClient;
  sql: SqlRunner;
  /** a runner bound to one connection, for session-level work (advisory locks) */
  session<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
