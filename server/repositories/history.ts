// Prisma access for environment history (time travel): one row per state an environment
// reached after an audited change, and the audit events that produced them.
import { prisma, type Tx } from "../db";
import type { EnvironmentSnapshot } from "../domain/diff/types";
import type { Prisma } from "../generated/prisma/client";

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
const toDto = (r: {
  id: string;
  at: Date;
  auditEventId: string | null;
  state: unknown;
  positions: unknown;
}): HistoryRowDto => ({
  ...r,
  state: r.state as EnvironmentSnapshot,
  positions: r.positions as Record<string, [number, number]>,
});

/** The hash of an environment's newest recorded state, or null when none is recorded. */
export async function latestHash(tx: Tx, environmentId: string): Promise<string | null> {
  const row = await tx.environmentSnapshot.findFirst({
    where: { environmentId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: { hash: true },
  });
  return row?.hash ?? null;
}

export async function insertHistoryRow(
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
): Promise<void> {
  await tx.environmentSnapshot.create({
    data: {
      ...row,
      state: row.state as unknown as Prisma.InputJsonValue,
      positions: row.positions,
    },
  });
}

/** The newest state recorded at or before `at`, or null. */
export async function stateAt(
  environmentId: string,
  at: Date,
  tx: Tx = prisma(),
): Promise<HistoryRowDto | null> {
  const row = await tx.environmentSnapshot.findFirst({
    where: { environmentId, at: { lte: at } },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    select: rowSelect,
  });
  return row && toDto(row);
}

/** The oldest recorded state: where history starts. */
export async function firstState(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<HistoryRowDto | null> {
  const row = await tx.environmentSnapshot.findFirst({
    where: { environmentId },
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

/** Every moment the environment's state changed after `since` (oldest first, at most `limit`), with the event that changed it. */
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
