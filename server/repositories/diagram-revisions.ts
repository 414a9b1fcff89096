// A project's diagram revisions: the counter every save moves (its row locked while a save is
// checked, so saves to one project queue) and what each revision touched, which lets a save
// based on an older revision be rebased over the ones in between.
import type { Tx } from "../db";

/**
 * The project's revision and organization, its row locked until the transaction ends (saves to
 * one project queue behind it); null when there is no such project.
 */
export async function lockRevision(
  tx: Tx,
  projectId: string,
): Promise<{ revision: number; organizationId: string } | null> {
  const rows = await tx.$queryRawUnsafe<{ revision: number; organizationId: string }[]>(
    `SELECT revision, "organizationId" FROM "Project" WHERE id = $1 FOR UPDATE`,
    projectId,
  );
  return rows[0] ?? null;
}

/** Moves a project whose row this transaction locked to `revision`. */
export async function setRevision(tx: Tx, projectId: string, revision: number): Promise<void> {
  await tx.$executeRawUnsafe(
    `UPDATE "Project" SET revision = $2, "updatedAt" = now() WHERE id = $1`,
    projectId,
    revision,
  );
}

/** What each revision after `base` touched, oldest first (fewer rows than revisions: pruned). */
export function changesSince(tx: Tx, projectId: string, base: number) {
  return tx.diagramChange.findMany({
    where: { projectId, revision: { gt: base } },
    orderBy: { revision: "asc" },
    select: { revision: true, writes: true, reads: true },
  });
}

/** Revisions kept per project: a save based on an older one is a conflict. */
const CHANGES_KEPT = 500;

/** Records what `revision` touched, and forgets revisions too old to rebase over. */
export async function recordChange(
  tx: Tx,
  projectId: string,
  revision: number,
  touched: { writes: Iterable<string>; reads: Iterable<string> },
): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO "DiagramChange" ("projectId", revision, writes, reads)
     VALUES ($1, $2, $3::text[], $4::text[])`,
    projectId,
    revision,
    [...touched.writes],
    [...touched.reads],
  );
  if (revision % 100 === 0)
    await tx.diagramChange.deleteMany({
      where: { projectId, revision: { lte: revision - CHANGES_KEPT } },
    });
}
