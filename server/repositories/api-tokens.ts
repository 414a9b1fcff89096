// API tokens. Only the keyed hash of a token is stored; rows never leave here with it.
import { prisma, type Tx } from "../db";
import type { Role } from "../domain/roles";

export interface ApiTokenDto {
  id: string;
  organizationId: string;
  name: string;
  role: Role;
  createdById: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

const select = {
  id: true,
  organizationId: true,
  name: true,
  role: true,
  createdById: true,
  createdAt: true,
  lastUsedAt: true,
  expiresAt: true,
  revokedAt: true,
} as const;

export async function findTokenByHash(tokenHash: string): Promise<ApiTokenDto | null> {
  return prisma().apiToken.findUnique({ where: { tokenHash }, select });
}

export async function listTokens(organizationId: string): Promise<ApiTokenDto[]> {
  return prisma().apiToken.findMany({
    where: { organizationId },
    select,
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

export async function findToken(
  tx: Tx,
  organizationId: string,
  id: string,
): Promise<ApiTokenDto | null> {
  return tx.apiToken.findFirst({ where: { id, organizationId }, select });
}

export async function insertToken(
  tx: Tx,
  input: {
    organizationId: string;
    name: string;
    role: Role;
    tokenHash: string;
    createdById: string | null;
    expiresAt: Date;
  },
): Promise<ApiTokenDto> {
  return tx.apiToken.create({ data: input, select });
}

/** Revokes a live token; false when it was already revoked. */
export async function revokeTokenRow(tx: Tx, id: string, now: Date): Promise<boolean> {
  const { count } = await tx.apiToken.updateMany({
    where: { id, revokedAt: null },
    data: { revokedAt: now },
  });
  return count > 0;
}

/**
 * Moves lastUsedAt forward only when older than `staleBefore`: at most one write a minute,
 * whichever process serves it.
 */
export async function touchToken(id: string, now: Date, staleBefore: Date): Promise<void> {
  await prisma().apiToken.updateMany({
    where: { id, revokedAt: null, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: staleBefore } }] },
    data: { lastUsedAt: now },
  });
}
