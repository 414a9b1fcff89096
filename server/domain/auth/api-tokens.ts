// Pure rules for API tokens: their shape, how long they may live, and which role they may carry.
import { AppError } from "../errors";
import { atLeast, type Role } from "../roles";

/**
 * `pbt_` + 32 random bytes in base64url (43 characters): recognisable in logs and secret scanners.
 */
export const TOKEN_PREFIX = "pbt_";
const TOKEN_PATTERN = /^pbt_[A-Za-z0-9_-]{43}$/;

/** Every token expires: a forgotten one stops working on its own. A year is the longest. */
export const MIN_EXPIRY_DAYS = 1;
export const MAX_EXPIRY_DAYS = 365;

/** lastUsedAt is written at most this often, so a busy script does not write on every call. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** A token can never carry more than its creator's own role in the organization. */
export function checkTokenRole(creatorRole: Role, requested: Role): void {
  if (!atLeast(creatorRole, requested)) {
    const rule = `cannot be above your own role (${creatorRole})`;
    throw new AppError("FORBIDDEN", `role: a token ${rule}`, { fields: { role: [rule] } });
  }
}

/**
 * A token minting a token: the new one may not outlive its creator (revoking the creator revokes
 * it too, so it could never be a way around the creator's own end).
 */
export function checkChildExpiry(creatorExpiresAt: Date, expiresAt: Date): void {
  if (expiresAt.getTime() > creatorExpiresAt.getTime()) {
    const rule = `cannot be later than the creating token's own expiry (${creatorExpiresAt.toISOString()})`;
    throw new AppError("FORBIDDEN", `expiresInDays: a token's expiry ${rule}`, {
      fields: { expiresInDays: [rule] },
    });
  }
}

/** When a token created at `now` for `days` days stops working. */
export function tokenExpiry(now: Date, days: number): Date {
  if (!Number.isInteger(days) || days < MIN_EXPIRY_DAYS || days > MAX_EXPIRY_DAYS) {
    const rule = `must be a whole number of days from ${MIN_EXPIRY_DAYS} to ${MAX_EXPIRY_DAYS}`;
    throw new AppError("BAD_REQUEST", `expiresInDays: ${rule}`, {
      fields: { expiresInDays: [rule] },
    });
  }
  return new Date(now.getTime() + days * 86_400_000);
}

export type TokenRefusal = "token revoked" | "token expired" | "token not recognised";

/** Why a stored token may not be used at `now`, or null when it may. */
export function tokenRefusal(
  token: { revokedAt: Date | null; expiresAt: Date | null },
  now: Date,
): TokenRefusal | null {
  if (token.revokedAt) return "token revoked";
  // A token without an expiry is refused: every token is created with one.
  if (!token.expiresAt || token.expiresAt.getTime() <= now.getTime()) return "token expired";
  return null;
}

/** Whether lastUsedAt is stale enough to be written again. */
export function shouldTouch(lastUsedAt: Date | null, now: Date): boolean {
  return !lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}
