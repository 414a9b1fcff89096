import { prisma, type Tx } from "../db";
import type { EnvironmentSpec } from "../domain/environments";
import type { Role } from "../domain/roles";

export interface EnvironmentDto {
  id: string;
  slug: string;
  name: string;
  class: "production" | "non_production";
  protected: boolean;
  /** the environment this one was forked from (it may since have been deleted) */
  forkedFromId: string | null;
  /** a preview environment (`patchbay preview up`): its pull request and expiry */
  preview: boolean;
  pullRequest: string | null;
  expiresAt: Date | null;
}

export interface ProjectDto {
  id: string;
  organizationId: string;
  slug: string;
  name: string;
  description: string;
  revision: number;
}

export interface ProjectDetailDto extends ProjectDto {
  environments: EnvironmentDto[];
}

const projectSelect = {
  id: true,
  organizationId: true,
  slug: true,
  name: true,
  description: true,
  revision: true,
} as const;
export const environmentSelect = {
  id: true,
  slug: true,
  name: true,
  class: true,
  protected: true,
  forkedFromId: true,
  preview: true,
  pullRequest: true,
  expiresAt: true,
} as const;

export async function listProjects(
  organizationId: string,
): Promise<(ProjectDto & { environmentCount: number })[]> {
  const rows = await prisma().project.findMany({
    where: { organizationId },
    select: { ...projectSelect, _count: { select: { environments: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map(({ _count, ...p }) => ({ ...p, environmentCount: _count.environments }));
}

/**
 * The project's organization and `userId`'s role in it (null: not a member, or no user); null
 * when there is no such project. One round trip: every project-scoped procedure asks.
 */
export async function findProjectAccess(
  projectId: string,
  userId: string | null,
): Promise<{ organizationId: string; role: Role | null } | null> {
  const rows = await prisma().$queryRawUnsafe<{ organizationId: string; role: Role | null }[]>(
    `SELECT p."organizationId", m.role::text AS role
       FROM "Project" p
       LEFT JOIN "Membership" m ON m."organizationId" = p."organizationId" AND m."userId" = $2
      WHERE p.id = $1`,
    projectId,
    userId,
  );
  return rows[0] ?? null;
}

export async function getProject(
  projectId: string,
  tx: Tx = prisma(),
): Promise<ProjectDetailDto | null> {
  // Raw SQL, one statement: every save and most reads start here.
  const rows = await tx.$queryRawUnsafe<(ProjectDto & { environment: EnvironmentDto | null })[]>(
    `SELECT p.id, p."organizationId", p.slug, p.name, p.description, p.revision,
            CASE WHEN e.id IS NULL THEN NULL ELSE json_build_object(
              'id', e.id, 'slug', e.slug, 'name', e.name, 'class', e.class,
              'protected', e.protected, 'forkedFromId', e."forkedFromId", 'preview', e.preview,
              'pullRequest', e."pullRequest", 'expiresAt', e."expiresAt") END AS environment
       FROM "Project" p LEFT JOIN "Environment" e ON e."projectId" = p.id
      WHERE p.id = $1
      ORDER BY e."createdAt" ASC, e.id ASC`,
    projectId,
  );
  const first = rows[0];
  if (!first) return null;
  const { environment: _, ...project } = first;
  const environments = rows.flatMap(({ environment: e }) =>
    e ? [{ ...e, expiresAt: e.expiresAt === null ? null : new Date(e.expiresAt) }] : [],
  );
  return { ...project, environments };
}

export async function findProjectBySlug(
  organizationId: string,
  slug: string,
): Promise<ProjectDetailDto | null> {
  return prisma().project.findUnique({
    where: { organizationId_slug: { organizationId, slug } },
    select: {
      ...projectSelect,
      environments: { select: environmentSelect, orderBy: { createdAt: "asc" } },
    },
  });
}

export async function projectSlugTaken(
  tx: Tx,
  organizationId: string,
  slug: string,
): Promise<boolean> {
  return (await tx.project.count({ where: { organizationId, slug } })) > 0;
}

export async function createProject(
  tx: Tx,
  input: { organizationId: string; slug: string; name: string; description: string },
): Promise<ProjectDto> {
  return tx.project.create({ data: input, select: projectSelect });
}

export async function updateProject(
  tx: Tx,
  id: string,
  input: { name?: string; description?: string },
): Promise<ProjectDto> {
  return tx.project.update({ where: { id }, data: input, select: projectSelect });
}

export async function environmentSlugTaken(
  tx: Tx,
  projectId: string,
  slug: string,
): Promise<boolean> {
  return (await tx.environment.count({ where: { projectId, slug } })) > 0;
}

export async function createEnvironment(
  tx: Tx,
  input: EnvironmentSpec & { projectId: string },
): Promise<EnvironmentDto> {
  return tx.environment.create({ data: input, select: environmentSelect });
}

/** Creates `specs` in order (createMany would not return them in a defined order). */
export async function createEnvironments(
  tx: Tx,
  projectId: string,
  specs: readonly EnvironmentSpec[],
): Promise<EnvironmentDto[]> {
  const created: EnvironmentDto[] = [];
  for (const spec of specs) created.push(await createEnvironment(tx, { ...spec, projectId }));
  return created;
}
