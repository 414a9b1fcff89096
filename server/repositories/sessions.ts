// Sign-in sessions (one row per signed-in browser). Reads are on the hot path of every
// request: one indexed lookup by primary key joined to its user.
import { prisma, type Tx } from "../db";
import type { UserDto } from "./users";

export interface NewSession {
  id: string;
  userId: string;
  expiresAt: Date;
  ip?: string;
  userAgent?: string;
}

export interface SessionRow {
  id: string;
  userId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  user: UserDto;
}

export async function insertSession(session: NewSession): Promise<void> {
  await prisma().session.create({
    data: {
      ...session,
      ip: session.ip ?? null,
      userAgent: session.userAgent?.slice(0, 500) ?? null,
    },
    select: { id: true },
  });
}

// Raw SQL: this runs on every signed-in request, and a compiled Prisma query costs more CPU
// than the lookup itself.
export async function findSession(id: string): Promise<SessionRow | null> {
  const rows = await prisma().$queryRawUnsafe<
    (Omit<SessionRow, "user"> & { email: string; name: string })[]
  >(
    `SELECT s.id, s."userId", s."lastSeenAt", s."expiresAt", s."revokedAt", u.email, u.name
       FROM "Session" s JOIN "User" u ON u.id = s."userId" WHERE s.id = $1`,
    id,
  );
  const row = rows[0];
  if (!row) return null;
  const { email, name, ...session } = row;
  return { ...session, user: { id: row.userId, email, name } };
}

/**
 * Moves lastSeenAt (and the idle expiry) forward, only when it is older than `staleBefore` and the
 * session is still live: at most one write a minute per session, whichever process serves it.
 */
export async function touchSession(
  id: string,
  now: Date,
  staleBefore: Date,
  expiresAt: Date,
): Promise<void> {
  await prisma().session.updateMany({
    where: { id, revokedAt: null, lastSeenAt: { lt: staleBefore } },
    data: { lastSeenAt: now, expiresAt },
  });
}

/** Revokes one session (no-op when already revoked); true when this call revoked it. */
export async function revokeSessionRow(id: string, reason: string, now: Date): Promise<boolean> {
  const { count } = await prisma().session.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count > 0;
}

/** Revokes every live session of a user inside `tx`; returns how many. */
export async function revokeUserSessionRows(
  tx: Tx,
  userId: string,
  reason: string,
  now: Date,
): Promise<number> {
  const { count } = await tx.session.updateMany({
    where: { userId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now, revokedReason: reason },
  });
  return count;
}
