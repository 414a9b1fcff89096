// The only Prisma access for publications (outputs a project offers to the organization's
// other projects) and for who borrows them (slot references pointing at them).
import { prisma, type Tx } from "../db";
import type { Borrower } from "../domain/references/rules";

export interface PublicationDto {
  id: string;
  organizationId: string;
  projectId: string;
  project: string;
  environmentId: string;
  environment: string;
  production: boolean;
  componentId: string;
  component: string;
  artifact: string;
  type: string;
  audience: string[];
  createdAt: Date;
}

const select = {
  id: true,
  organizationId: true,
  projectId: true,
  environmentId: true,
  componentId: true,
  artifact: true,
  typeName: true,
  audience: true,
  createdAt: true,
  environment: { select: { slug: true, class: true, project: { select: { slug: true } } } },
  component: { select: { name: true } },
} as const;

type Row = {
  id: string;
  organizationId: string;
  projectId: string;
  environmentId: string;
  componentId: string;
  artifact: string;
  typeName: string;
  audience: string[];
  createdAt: Date;
  environment: { slug: string; class: string; project: { slug: string } };
  component: { name: string };
};

function toDto(r: Row): PublicationDto {
  return {
    id: r.id,
    organizationId: r.organizationId,
    projectId: r.projectId,
    project: r.environment.project.slug,
    environmentId: r.environmentId,
    environment: r.environment.slug,
    production: r.environment.class === "production",
    componentId: r.componentId,
    component: r.component.name,
    artifact: r.artifact,
    type: r.typeName,
    audience: r.audience,
    createdAt: r.createdAt,
  };
}

export const borrowerSelect = {
  slot: true,
  environment: { select: { slug: true, project: { select: { slug: true } } } },
  component: { select: { name: true } },
} as const;

export function toBorrower(r: {
  slot: string;
  environment: { slug: string; project: { slug: string } };
  component: { name: string };
}): Borrower {
  return {
    project: r.environment.project.slug,
    environment: r.environment.slug,
    component: r.component.name,
    slot: r.slot,
  };
}

export async function findPublication(id: string, tx: Tx = prisma()) {
  const row = await tx.publication.findUnique({ where: { id }, select });
  return row ? toDto(row) : null;
}

/** A project's publications, each with who borrows it. */
export async function publicationsOfProject(projectId: string, tx: Tx = prisma()) {
  const rows = await tx.publication.findMany({
    where: { projectId },
    select: { ...select, references: { select: borrowerSelect } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...toDto(r), borrowers: r.references.map(toBorrower) }));
}

/** Every publication of the organization of one artifact type (visibility is the caller's). */
export async function publicationsOfType(organizationId: string, type: string, tx: Tx = prisma()) {
  const rows = await tx.publication.findMany({
    where: { organizationId, typeName: type },
    select,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toDto);
}

export async function insertPublication(
  tx: Tx,
  data: {
    organizationId: string;
    projectId: string;
    environmentId: string;
    componentId: string;
    artifact: string;
    typeName: string;
    audience: string[];
  },
): Promise<PublicationDto> {
  return toDto(await tx.publication.create({ data, select }));
}

export async function publicationExists(
  tx: Tx,
  where: { environmentId: string; componentId: string; artifact: string },
): Promise<boolean> {
  return (await tx.publication.count({ where })) > 0;
}

export async function deletePublication(tx: Tx, id: string): Promise<void> {
  await tx.publication.delete({ where: { id } });
}

/**
 * Who borrows what these publications offer: limited to a publication, a component's (in one
 * environment, or in all) or an environment's.
 */
export async function borrowersOf(
  of: { publicationId?: string; componentId?: string; environmentId?: string; projectId?: string },
  tx: Tx = prisma(),
): Promise<Borrower[]> {
  const rows = await tx.slotReference.findMany({
    where: {
      publication: {
        ...(of.publicationId ? { id: of.publicationId } : {}),
        ...(of.componentId ? { componentId: of.componentId } : {}),
        ...(of.environmentId ? { environmentId: of.environmentId } : {}),
        ...(of.projectId ? { projectId: of.projectId } : {}),
      },
    },
    select: borrowerSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toBorrower);
}

/** Takes the publication's row lock, so a reference and an unpublish never pass each other. */
export async function lockPublication(tx: Tx, id: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "Publication" WHERE id = $1 FOR UPDATE`, id);
}

/** The borrowers of one publication with the project each borrows from. */
export async function borrowersWithProject(publicationId: string, tx: Tx = prisma()) {
  const rows = await tx.slotReference.findMany({
    where: { publicationId },
    select: { ...borrowerSelect, projectId: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({ ...toBorrower(r), projectId: r.projectId }));
}

export async function setAudience(tx: Tx, id: string, audience: string[]) {
  return toDto(await tx.publication.update({ where: { id }, data: { audience }, select }));
}
