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
  parentTokenId: string | null;
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
  parentTokenId: true,
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
    parentTokenId: string | null;
  },
): Promise<ApiTokenDto> {
  return tx.apiToken.create({ data: input, select });
}

/** A token by id (an ancestor of the one presented), or null once it is gone. */
export async function findTokenById(id: string): Promise<ApiTokenDto | null> {
  return prisma().apiToken.findUnique({ where: { id }, select });
}

/**
 * Revokes every live token minted, directly or through others, from `id`; returns their ids.
 */
export async function revokeDescendants(tx: Tx, id: string, now: Date): Promise<string[]> {
  const revoked: string[] = [];
  let parents = [id];
  while (parents.length > 0) {
    const children = await tx.apiToken.findMany({
      where: { parentTokenId: { in: parents } },
      select: { id: true, revokedAt: true },
    });
    const live = children.filter((c) => !c.revokedAt).map((c) => c.id);
    if (live.length > 0)
      await tx.apiToken.updateMany({ where: { id: { in: live } }, data: { revokedAt: now } });
    revoked.push(...live);
    parents = children.map((c) => c.id);
  }
  return revoked;
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
