// Prisma access for environment history (time travel): one row per state an environment
// reached after an audited change, and the audit events that produced them.
import { prisma, type Tx } from "../db";
import { sortableId } from "./row-ids";
import { applyDelta, type SnapshotDelta } from "../domain/diff/delta";
import type { EnvironmentSnapshot } from "../domain/diff/types";

export interface HistoryRowDto {
  id: string;
  at: Date;
  auditEventId: string | null;
  state: EnvironmentSnapshot;
  positions: Record<string, [number, number]>;
}

export interface MomentDto {
  at: Date;
  action: string | null;
  actor: string | null;
}

const rowSelect = { id: true, at: true, auditEventId: true, state: true, positions: true } as const;
interface Row {
  id: string;
  at: Date;
  auditEventId: string | null;
  state: unknown;
  positions: unknown;
}
const toDto = (r: Row): HistoryRowDto => ({
  ...r,
  state: r.state as EnvironmentSnapshot,
  positions: r.positions as Record<string, [number, number]>,
});

/** A checkpoint with the deltas recorded after it applied in order: the state at the last one. */
function replay(checkpoint: Row, deltas: readonly Row[]): HistoryRowDto {
  let row = toDto(checkpoint);
  for (const d of deltas) {
    if (
      d.at < checkpoint.at ||
      (d.at.getTime() === checkpoint.at.getTime() && d.id < checkpoint.id)
    )
      continue;
    row = {
      ...d,
      state: applyDelta(row.state, d.state as SnapshotDelta),
      positions: { ...row.positions, ...(d.positions as Record<string, [number, number]>) },
    };
  }
  return row;
}

// One statement: the row goes in only when its hash differs from the environment's newest.
const INSERT_IF_CHANGED = `INSERT INTO "EnvironmentSnapshot"
  (id, "environmentId", "projectId", at, "auditEventId", hash, state, positions)
SELECT $1::text, $2::text, $3::text, $4::timestamp(3), $5::text, $6::text, $7::jsonb, $8::jsonb
WHERE NOT EXISTS (
  SELECT 1 FROM (
    SELECT hash FROM "EnvironmentSnapshot" WHERE "environmentId" = $2::text
    ORDER BY at DESC, id DESC LIMIT 1
  ) AS newest WHERE newest.hash = $6::text
)`;

/** Records an environment's state unless its newest row holds that state; true when recorded. */
export async function insertHistoryRowIfChanged(
  tx: Tx,
  row: {
    environmentId: string;
    projectId: string;
    at: Date;
    auditEventId: string | null;
    hash: string;
    state: EnvironmentSnapshot;
    positions: Record<string, [number, number]>;
  },
): Promise<boolean> {
  const inserted = await tx.$executeRawUnsafe(
    INSERT_IF_CHANGED,
    sortableId("h"),
    row.environmentId,
    row.projectId,
    row.at.toISOString(),
    row.auditEventId,
    row.hash,
    JSON.stringify(row.state),
    JSON.stringify(row.positions),
  );
  return inserted === 1;
}

const NEWEST = `SELECT e.id AS "environmentId", n.checkpoint, n.depth, n.hash
FROM unnest($1::text[]) AS e(id) CROSS JOIN LATERAL (
  SELECT checkpoint, depth, hash FROM "EnvironmentSnapshot" WHERE "environmentId" = e.id
  ORDER BY at DESC, id DESC LIMIT 1
) AS n`;

interface NewestRow {
  checkpoint: boolean;
  depth: number;
  hash: string;
}

/** Each environment's newest row, without its state (none: no history yet), in one statement. */
export async function newestRows(
  tx: Tx,
  environmentIds: readonly string[],
): Promise<Map<string, NewestRow>> {
  if (environmentIds.length === 0) return new Map();
  const rows = await tx.$queryRawUnsafe<(NewestRow & { environmentId: string })[]>(NEWEST, [
    ...environmentIds,
  ]);
  return new Map(rows.map(({ environmentId, ...row }) => [environmentId, row]));
}

/** Records deltas, each over its environment's newest row (`depth`: deltas since a checkpoint). */
export async function insertHistoryDeltas(
  tx: Tx,
  rows: readonly {
    environmentId: string;
    projectId: string;
    at: Date;
    auditEventId: string | null;
    hash: string;
    delta: SnapshotDelta;
    positions: Record<string, [number, number]>;
    depth: number;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  // Raw SQL, one statement: every save that moves an environment writes here.
  const records = rows.map(({ delta, at, ...row }) => ({
    ...row,
    id: sortableId("h"),
    at: at.toISOString(),
    state: delta,
  }));
  await tx.$executeRawUnsafe(
    `INSERT INTO "EnvironmentSnapshot"
       (id, "environmentId", "projectId", at, "auditEventId", hash, state, positions, checkpoint,
        depth)
     SELECT r.id, r."environmentId", r."projectId", r.at, r."auditEventId", r.hash, r.state,
            r.positions, false, r.depth
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, "environmentId" text, "projectId" text,
            at timestamp(3), "auditEventId" text, hash text, state jsonb, positions jsonb,
            depth int)`,
    JSON.stringify(records),
  );
}

/**
 * The state recorded at or before `at`, or null: the newest checkpoint then, with the deltas
 * recorded after it (two indexed reads; a checkpoint is written every few dozen deltas).
 */
export async function stateAt(
  environmentId: string,
  at: Date | "newest",
  tx: Tx = prisma(),
): Promise<HistoryRowDto | null> {
  const upTo = at === "newest" ? {} : { at: { lte: at } };
  const checkpoint = await tx.environmentSnapshot.findFirst({
    where: { environmentId, checkpoint: true, ...upTo },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: rowSelect,
  });
  if (!checkpoint) return null;
  const deltas = await tx.environmentSnapshot.findMany({
    where: {
      environmentId,
      checkpoint: false,
      at: { gte: checkpoint.at, ...(at === "newest" ? {} : { lte: at }) },
    },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: rowSelect,
  });
  return replay(checkpoint, deltas);
}

/** The oldest recorded state: where history starts. */
export async function firstState(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<HistoryRowDto | null> {
  // Always a checkpoint: an environment's first row is recorded whole.
  const row = await tx.environmentSnapshot.findFirst({
    where: { environmentId, checkpoint: true },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: rowSelect,
  });
  return row && toDto(row);
}

/** When the oldest recorded state was recorded (its state is not read). */
export async function firstRecordedAt(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<Date | null> {
  const row = await tx.environmentSnapshot.findFirst({
    where: { environmentId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { at: true },
  });
  return row?.at ?? null;
}

/**
 * Every moment the environment's state changed after `since` (oldest first, at most `limit`),
 * with the event that changed it.
 */
export async function momentsSince(
  environmentId: string,
  since: Date,
  limit: number,
  tx: Tx = prisma(),
): Promise<MomentDto[]> {
  const rows = await tx.environmentSnapshot.findMany({
    where: { environmentId, at: { gt: since } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    take: limit,
    select: { at: true, auditEventId: true },
  });
  const ids = rows.flatMap((r) => (r.auditEventId ? [r.auditEventId] : []));
  const events =
    ids.length === 0
      ? []
      : await tx.auditEvent.findMany({
          where: { id: { in: ids } },
          select: { id: true, action: true, actorLabel: true },
        });
  const byId = new Map(events.map((e) => [e.id, e]));
  return rows.map((r) => {
    const event = r.auditEventId ? byId.get(r.auditEventId) : undefined;
    return { at: r.at, action: event?.action ?? null, actor: event?.actorLabel ?? null };
  });
}

export async function environmentCreatedAt(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<Date | null> {
  const row = await tx.environment.findUnique({
    where: { id: environmentId },
    select: { createdAt: true },
  });
  return row?.createdAt ?? null;
}
