// The instances pinned to a preset's versions (its consumers), across one organization.
import { prisma, type Tx } from "../db";

export interface ConsumerDto {
  instanceId: string;
  versionId: string;
  version: number;
  params: Record<string, unknown>;
  organizationId: string;
  project: { id: string; slug: string; name: string };
  environment: { id: string; slug: string; name: string; class: "production" | "non_production" };
  component: { id: string; name: string; bundle: string; version: string };
}

/**
 * Every instance pinned to a version of the preset within one organization, by project, environment
 * and component.
 */
export async function listConsumers(
  organizationId: string,
  presetId: string,
  tx: Tx = prisma(),
): Promise<ConsumerDto[]> {
  const rows = await tx.instance.findMany({
    where: { presetVersion: { presetId }, component: { project: { organizationId } } },
    select: {
      id: true,
      params: true,
      presetVersion: { select: { id: true, version: true } },
      environment: { select: { id: true, slug: true, name: true, class: true } },
      component: {
        select: {
          id: true,
          name: true,
          bundleName: true,
          versionConstraint: true,
          project: { select: { id: true, slug: true, name: true, organizationId: true } },
        },
      },
    },
  });
  const consumers = rows.map((r) => ({
    instanceId: r.id,
    versionId: r.presetVersion!.id,
    version: r.presetVersion!.version,
    params: r.params as Record<string, unknown>,
    organizationId: r.component.project.organizationId,
    project: {
      id: r.component.project.id,
      slug: r.component.project.slug,
      name: r.component.project.name,
    },
    environment: r.environment,
    component: {
      id: r.component.id,
      name: r.component.name,
      bundle: r.component.bundleName,
      version: r.component.versionConstraint,
    },
  }));
  return consumers.sort(
    (a, b) =>
      a.project.slug.localeCompare(b.project.slug) ||
      a.component.name.localeCompare(b.component.name) ||
      a.environment.slug.localeCompare(b.environment.slug),
  );
}
