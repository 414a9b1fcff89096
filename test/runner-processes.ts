// Set-up shared by the runner's process-level suites (crash, two workers) and the deploy
// bench: the scratch database's URL, the key every process must share, a fresh project made
// through the procedures, and waiting on the runs table.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { resolveSecretKey } from "@/server/crypto/cipher";
import type { Database } from "@/server/db";
import { env, reloadEnv } from "@/server/env";
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

const NOOP_FIXTURES = path.resolve(import.meta.dirname, "fixtures/noop-bundle");

/** Imports the test bundle `noop-relay` (test/fixtures/noop-bundle) into the organization. */
export async function importNoopBundle(ops: Caller, organizationId: string): Promise<void> {
  const before = process.env.PATCHBAY_IMPORT_ROOTS;
  process.env.PATCHBAY_IMPORT_ROOTS = NOOP_FIXTURES;
  reloadEnv();
  try {
    const result = await ops.catalog.import({ organizationId, path: NOOP_FIXTURES });
    if (result.errors.length > 0) throw new Error(JSON.stringify(result.errors));
  } finally {
    if (before === undefined) delete process.env.PATCHBAY_IMPORT_ROOTS;
    else process.env.PATCHBAY_IMPORT_ROOTS = before;
    reloadEnv();
  }
}

const SLOTS = ["up_a", "up_b", "up_c"] as const;

/**
 * `count` noop-relay components in layers of four; with `linked`, each one past the first
 * layer consumes one to three of earlier layers (a dependency graph five runs deep for 20).
 * Returns the diagram ops and who consumes whom (component ids).
 */
export function noopDiagram(count: number, linked: boolean, tag = randomBytes(3).toString("hex")) {
  const ids = Array.from({ length: count }, (_, i) => `cmp-${tag}-${i}`);
  const producers = new Map<string, string[]>(ids.map((id) => [id, []]));
  const ops: unknown[] = ids.map((id, i) => ({
    op: "addComponent",
    component: { id, name: `relay-${i}`, bundle: "noop-relay", version: "1.0.0", x: 0, y: i * 80 },
  }));
  for (let i = 4; linked && i < count; i += 1) {
    const layerStart = i - (i % 4);
    const from = [i - 4, (i * 3) % layerStart, ...(i >= 8 && i % 3 === 0 ? [i - 8] : [])];
    for (const [k, p] of [...new Set(from)].entries()) {
      producers.get(ids[i]!)!.push(ids[p]!);
      ops.push({
        op: "addLink",
        link: {
          id: `lnk-${tag}-${p}-${i}`,
          from: ids[p],
          fromArtifact: "endpoint",
          to: ids[i],
          toSlot: SLOTS[k],
          policies: [],
        },
      });
    }
  }
  return { ids, ops, producers };
}
