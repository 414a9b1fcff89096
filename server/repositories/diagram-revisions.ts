// A project's diagram revisions: the counter every save moves (its row locked while a save is
// checked, so saves to one project queue) and what each revision touched, which lets a save
// based on an older revision be rebased over the ones in between.
import type { Tx } from "../db";

/**
 * Moves the project to its next revision and records what that revision touches, in one round
 * trip: the UPDATE locks the project's row until the transaction ends, so saves to one project
 * queue here, and a save refused after this (a conflict, a broken rule) rolls both back. The new
 * revision and the organization; null when there is no such project.
 */
export async function advanceRevision(
  tx: Tx,
  projectId: string,
  touched: { writes: Iterable<string>; reads: Iterable<string> },
): Promise<{ revision: number; organizationId: string } | null> {
  const rows = await tx.$queryRawUnsafe<{ revision: number; organizationId: string }[]>(
    `WITH moved AS (
       UPDATE "Project" SET revision = revision + 1, "updatedAt" = now() WHERE id = $1
       RETURNING revision, "organizationId"
     ), recorded AS (
       INSERT INTO "DiagramChange" ("projectId", revision, writes, reads)
       SELECT $1, revision, $2::text[], $3::text[] FROM moved
     )
     SELECT revision, "organizationId" FROM moved`,
    projectId,
    [...touched.writes],
    [...touched.reads],
  );
  const moved = rows[0];
  if (moved && moved.revision % PRUNE_EVERY === 0)
    await tx.diagramChange.deleteMany({
      where: { projectId, revision: { lte: moved.revision - CHANGES_KEPT } },
    });
  return moved ?? null;
}

/**
 * What each revision after `base` up to `upTo` touched, oldest first (fewer rows than revisions:
 * pruned).
 */
export function changesBetween(tx: Tx, projectId: string, base: number, upTo: number) {
  return tx.diagramChange.findMany({
    where: { projectId, revision: { gt: base, lte: upTo } },
    orderBy: { revision: "asc" },
    select: { revision: true, writes: true, reads: true },
  });
}

/** Revisions kept per project: a save based on an older one is a conflict. */
const CHANGES_KEPT = 500;
/** Revisions too old to rebase over are forgotten every this many. */
const PRUNE_EVERY = 100;
