// Names for the ids an audit page mentions (projects, environments, components), so the log
// shows "orders-db" with a link rather than a raw id. Scoped to one organization.
import { prisma } from "../db";

export interface AuditNames {
  projects: Record<string, { slug: string; name: string }>;
  environments: Record<string, { slug: string; name: string; projectId: string }>;
  /** Keyed by `projectId/componentId` (component ids are unique per project). */
  components: Record<string, { name: string }>;
}

interface Mentioned {
  projectId: string | null;
  environmentId: string | null;
  componentId: string | null;
}

const ids = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];

export async function auditNames(
  organizationId: string,
  events: readonly Mentioned[],
): Promise<AuditNames> {
  const projectIds = ids(events.map((e) => e.projectId));
  const environmentIds = ids(events.map((e) => e.environmentId));
  const componentPairs = events.flatMap((e) =>
    e.projectId && e.componentId ? [{ projectId: e.projectId, id: e.componentId }] : [],
  );
  const [projects, environments, components] = await Promise.all([
    projectIds.length
      ? prisma().project.findMany({
          where: { organizationId, id: { in: projectIds } },
          select: { id: true, slug: true, name: true },
        })
      : [],
    environmentIds.length
      ? prisma().environment.findMany({
          where: { id: { in: environmentIds }, project: { organizationId } },
          select: { id: true, slug: true, name: true, projectId: true },
        })
      : [],
    componentPairs.length
      ? prisma().component.findMany({
          where: { OR: componentPairs, project: { organizationId } },
          select: { id: true, projectId: true, name: true },
        })
      : [],
  ]);
  return {
    projects: Object.fromEntries(projects.map((p) => [p.id, { slug: p.slug, name: p.name }])),
    environments: Object.fromEntries(
      environments.map((e) => [e.id, { slug: e.slug, name: e.name, projectId: e.projectId }]),
    ),
    components: Object.fromEntries(
      components.map((c) => [`${c.projectId}/${c.id}`, { name: c.name }]),
    ),
  };
}
