// API tokens: minted here (the value leaves once, in the create answer), resolved on every
// Bearer request, listed and revoked through the audited write path.
import { createHmac, randomBytes } from "node:crypto";
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import {
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
}

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
  if (shouldTouch(row.lastUsedAt, now))
    await repo.touchToken(row.id, now, new Date(now.getTime() - LAST_USED_RESOLUTION_MS));
  return {
    token: { id: row.id, organizationId: row.organizationId, role: row.role, name: row.name },
  };
}

export const listTokens = repo.listTokens;

export interface CreateToken {
  organizationId: string;
  name: string;
  role: Role;
  expiresInDays: number;
}

/** Mints a token no stronger than `creatorRole`; the value is in the answer and nowhere else. */
export async function createToken(
  ctx: AuditContext,
  creatorRole: Role,
  createdById: string | null,
  input: CreateToken,
) {
  checkTokenRole(creatorRole, input.role);
  const now = new Date();
  const expiresAt = tokenExpiry(now, input.expiresInDays);
  const value = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return auditedWrite(ctx, async (tx) => {
    const token = await repo.insertToken(tx, {
      organizationId: input.organizationId,
      name: input.name,
      role: input.role,
      tokenHash: hashToken(value),
      createdById,
      expiresAt,
    });
    return {
      result: { token, value },
      audit: {
        organizationId: input.organizationId,
        action: "token.created",
        target: { type: "api-token", id: token.id },
        after: { name: token.name, role: token.role, expiresAt: token.expiresAt },
      },
    };
  });
}

/** Revokes a token of the organization; another organization's answers "not found". */
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
    return {
      result: { ...token, revokedAt: now },
      audit: {
        organizationId,
        action: "token.revoked",
        target: { type: "api-token", id: token.id },
        after: { name: token.name, role: token.role },
      },
    };
  });
}
