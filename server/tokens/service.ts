// API tokens: minted here (the value leaves once, in the create answer), resolved on every
// Bearer request, listed and revoked through the audited write path.
import { createHmac, randomBytes } from "node:crypto";
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import {
  checkChildExpiry,
  checkTokenRole,
  LAST_USED_RESOLUTION_MS,
  looksLikeToken,
  shouldTouch,
  TOKEN_PREFIX,
  tokenExpiry,
  tokenRefusal,
  type TokenRefusal,
} from "../domain/auth/api-tokens";
import { AppError } from "../domain/errors";
import type { Role } from "../domain/roles";
import * as repo from "../repositories/api-tokens";
import { derivedKey } from "../crypto/cipher";

export interface TokenIdentity {
  id: string;
  organizationId: string;
  role: Role;
  name: string;
  /** when it stops working (a token it mints may not outlive it) */
  expiresAt: Date;
}

/** A token's ancestors at most this deep are checked; a longer chain is refused. */
const MAX_CHAIN = 16;

let key: Buffer | undefined;

/**
 * HMAC-SHA256 under a key derived from the process key: a database dump alone cannot test
 * guesses offline, unlike a plain sha256 of the token.
 */
export function hashToken(value: string): string {
  key ??= derivedKey("api-token");
  return createHmac("sha256", key).update(value, "utf8").digest("hex");
}

/**
 * The token behind a Bearer value, or why it may not be used. Writes lastUsedAt (at most once a
 * minute).
 */
export async function resolveToken(
  value: string,
  now = new Date(),
): Promise<{ token: TokenIdentity } | { refusal: TokenRefusal }> {
  if (!looksLikeToken(value)) return { refusal: "token not recognised" };
  const row = await repo.findTokenByHash(hashToken(value));
  if (!row) return { refusal: "token not recognised" };
  const refusal = tokenRefusal(row, now);
  if (refusal) return { refusal };
  // A token minted by a token lives no longer than its parent: a revoked or expired ancestor
  // refuses it too (revoking cascades at write time; this also covers expiry and old rows).
  let parentId = row.parentTokenId;
  for (let depth = 0; parentId; depth++) {
    const parent = depth < MAX_CHAIN ? await repo.findTokenById(parentId) : null;
    if (!parent) return { refusal: depth < MAX_CHAIN ? "token revoked" : "token not recognised" };
    const inherited = tokenRefusal(parent, now);
    if (inherited) return { refusal: inherited };
    parentId = parent.parentTokenId;
  }
  if (shouldTouch(row.lastUsedAt, now))
    await repo.touchToken(row.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  return {
    token: {
      id: row.id,
      organizationId: row.organizationId,
      role: row.role,
      name: row.name,
      expiresAt: row.expiresAt!,
    },
  };
}

export const listTokens = repo.listTokens;

export interface CreateToken {
  organizationId: string;
  name: string;
  role: Role;
  expiresInDays: number;
}

/** Who mints a token: a person, or a token (whose child it becomes). */
export type TokenCreator =
  | { kind: "user"; userId: string; role: Role }
  | { kind: "token"; token: TokenIdentity };

/**
 * Mints a token no stronger than its creator's role (and, minted by a token, expiring no later
 * than it); the value is in the answer and nowhere else.
 */
export async function createToken(ctx: AuditContext, creator: TokenCreator, input: CreateToken) {
  checkTokenRole(creator.kind === "user" ? creator.role : creator.token.role, input.role);
  const now = new Date();
  const expiresAt = tokenExpiry(now, input.expiresInDays);
  if (creator.kind === "token") checkChildExpiry(creator.token.expiresAt, expiresAt);
  const parentTokenId = creator.kind === "token" ? creator.token.id : null;
  const value = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return auditedWrite(ctx, async (tx) => {
    const token = await repo.insertToken(tx, {
      organizationId: input.organizationId,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(value),
      createdById: creator.kind === "user" ? creator.userId : null,
      expiresAt,
      parentTokenId,
    });
    return {
      result: { token, value },
      audit: {
        organizationId: input.organizationId,
        action: "token.created",
        target: { type: "api-token", id: token.id },
        after: { name: token.name, role: token.role, expiresAt: token.expiresAt, parentTokenId },
      },
    };
  });
}

/**
 * Revokes a token of the organization and every token minted from it (transitively), in one
 * audited write; another organization's answers "not found".
 */
export async function revokeToken(ctx: AuditContext, organizationId: string, id: string) {
  return auditedWrite(ctx, async (tx) => {
    const token = await repo.findToken(tx, organizationId, id);
    if (!token)
      throw new AppError("NOT_FOUND", "tokenId: no such token in this organization", {
        fields: { tokenId: ["no such token in this organization"] },
      });
    if (token.revokedAt)
      throw new AppError("CONFLICT", "tokenId: this token is already revoked", {
        fields: { tokenId: ["is already revoked"] },
      });
    const now = new Date();
    await repo.revokeTokenRow(tx, token.id, now);
    const descendants = await repo.revokeDescendants(tx, token.id, now);
    return {
      result: { ...token, revokedAt: now, descendants },
      audit: {
        organizationId,
        action: "token.revoked",
        target: { type: "api-token", id: token.id },
        after: { name: token.name, role: token.role, descendants },
      },
    };
  });
}
