// Users and memberships. The only place that reads password hashes.
import { prisma, type Tx } from "../db";
import type { Role } from "../domain/roles";

export interface UserDto {
  id: string;
  email: string;
  name: string;
}

export interface MembershipDto {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  role: Role;
}

export async function findUserForSignIn(
  email: string,
): Promise<(UserDto & { passwordHash: string }) | null> {
  return prisma().user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
}

export async function findUser(id: string): Promise<UserDto | null> {
  return prisma().user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
}

export async function listMemberships(userId: string): Promise<MembershipDto[]> {
  const rows = await prisma().membership.findMany({
    where: { userId },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
    orderBy: { organization: { name: "asc" } },
  });
  return rows.map((r) => ({
    organizationId: r.organization.id,
    organizationSlug: r.organization.slug,
    organizationName: r.organization.name,
    role: r.role,
  }));
}

export async function findRole(userId: string, organizationId: string): Promise<Role | null> {
  // Raw SQL: every scoped procedure asks.
  const rows = await prisma().$queryRawUnsafe<{ role: Role }[]>(
    `SELECT role::text AS role FROM "Membership" WHERE "userId" = $1 AND "organizationId" = $2`,
    userId,
    organizationId,
  );
  return rows[0]?.role ?? null;
}

export async function createUser(
  tx: Tx,
  input: { email: string; name: string; passwordHash: string },
): Promise<UserDto> {
  return tx.user.create({
    data: { ...input, email: input.email.trim().toLowerCase() },
    select: { id: true, email: true, name: true },
  });
}

export async function addMembership(
  tx: Tx,
  input: { userId: string; organizationId: string; role: Role },
): Promise<void> {
  await tx.membership.create({ data: input, select: { id: true } });
}
