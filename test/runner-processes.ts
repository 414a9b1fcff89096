// Set-up shared by the runner's process-level suites (crash, two workers) and the deploy
// bench: the scratch database's URL, the key every process must share, a fresh project made
// through the procedures, and waiting on the runs table.
import { randomBytes } from "node:crypto";
import { resolveSecretKey } from "@/server/crypto/cipher";
import type { Database } from "@/server/db";
import { env } from "@/server/env";
import type { createCaller } from "@/server/api/root";
import { ADMIN_URL } from "./scratch-db";

type Caller = ReturnType<typeof createCaller>;

/** The URL other processes reach this (PostgreSQL) database with. */
export async function databaseUrl(database: Database): Promise<string> {
  const [row] = await database.sql.query<{ name: string }>("SELECT current_database() AS name");
  const url = new URL(ADMIN_URL);
  url.pathname = `/${row!.name}`;
  return url.toString();
}

/** What every worker process needs besides its database: this process's secret key. */
export const sharedKey = (): string =>
  resolveSecretKey({ ...env(), NODE_ENV: process.env.NODE_ENV });

/** A new project of the demo organization (staging and production), made by ops. */
export async function newProject(
  database: Database,
  ops: Caller,
  slug: string,
): Promise<{ projectId: string; environmentId: string; organizationId: string }> {
  const org = await database.prisma.organization.findFirstOrThrow({
    where: { slug: "acme" },
    select: { id: true },
  });
  const project = await ops.project.create({
    organizationId: org.id,
    slug: `${slug}-${randomBytes(3).toString("hex")}`,
    name: slug,
  });
  const environment = await database.prisma.environment.findFirstOrThrow({
    where: { projectId: project.id, slug: "staging" },
    select: { id: true },
  });
  return { projectId: project.id, environmentId: environment.id, organizationId: org.id };
}

/** Polls `probe` until it returns something other than undefined. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
