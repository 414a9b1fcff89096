// Revocable sign-in sessions. The Auth.js cookie is a signed JWT that carries a session id
// (`sid`); every request reads that session's row, so signing out, "sign out everywhere", a
// password change or losing the last membership ends the session at once, not when the
// cookie would have expired.
import { randomBytes } from "node:crypto";
import type { Tx } from "../db";
import type { RequestMeta } from "../audit/types";
import {
  findSession,
  insertSession,
  revokeSessionRow,
  revokeUserSessionRows,
  touchSession,
} from "../repositories/sessions";
import type { UserDto } from "../repositories/users";

/** Idle lifetime: a session unused this long expires (the JWT's own maxAge matches it). */
export const SESSION_IDLE_SECONDS = 60 * 60 * 12;
/** lastSeenAt is written at most this often per session. */
const TOUCH_EVERY_MS = 60_000;

export type RevokeReason =
  | "signed_out"
  | "signed_out_everywhere"
  | "signed_out_by_owner"
  | "password_changed"
  | "no_membership";

/** Starts a session for a user who just proved who they are; returns its id (the JWT's `sid`). */
export async function startSession(
  userId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await insertSession({
    id,
    userId,
    expiresAt: new Date(now.getTime() + SESSION_IDLE_SECONDS * 1000),
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return id;
}

/**
 * The user a session id stands for, or null when the session is unknown, revoked or expired.
 * A live session's lastSeenAt (and idle expiry) moves forward, at most once a minute.
 */
export async function userForSession(sessionId: string): Promise<UserDto | null> {
  if (typeof sessionId !== "string" || sessionId.length === 0 || sessionId.length > 100)
    return null;
  const row = await findSession(sessionId);
  const now = new Date();
  if (!row || row.revokedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await touchSession(
      row.id,
      now,
      new Date(now.getTime() - TOUCH_EVERY_MS),
      new Date(now.getTime() + SESSION_IDLE_SECONDS * 1000),
    );
  }
  return row.user;
}

/** Ends one session (sign-out). */
export function revokeSession(
  sessionId: string,
  reason: RevokeReason = "signed_out",
): Promise<boolean> {
  return revokeSessionRow(sessionId, reason, new Date());
}

/**
 * Ends every live session of a user, inside the caller's transaction (so it commits with the
 * audited change that asked for it). Call it from a password change, too, when one exists.
 */
export function revokeUserSessions(tx: Tx, userId: string, reason: RevokeReason): Promise<number> {
  return revokeUserSessionRows(tx, userId, reason, new Date());
}
