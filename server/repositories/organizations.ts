import { prisma, type Tx } from "../db";

export interface OrganizationDto {
  id: string;
  slug: string;
  name: string;
}

const select = { id: true, slug: true, name: true } as const;

export async function findOrganizationBySlug(slug: string): Promise<OrganizationDto | null> {
  return prisma().organization.findUnique({ where: { slug }, select });
}

export async function findOrganizationById(id: string): Promise<OrganizationDto | null> {
  return prisma().organization.findUnique({ where: { id }, select });
}

export async function createOrganization(
  tx: Tx,
  input: { slug: string; name: string },
): Promise<OrganizationDto> {
  return tx.organization.create({ data: input, select });
}

export async function countOrganizations(): Promise<number> {
  return prisma().organization.count();
}
