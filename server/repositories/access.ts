// What the resolver needs from the database beyond the diagram: tags of each cascade level,
// deployed artifact payloads of upstream instances, and which secrets are set. Values of
// secrets never leave this layer except through `readSecretValue`, whose only caller is
// the audited reveal.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Tags } from "../domain/access/metadata";
import type { EnvironmentClass } from "../domain/environments";

export interface CascadeDto {
  organization: { id: string; slug: string; tags: Tags };
  project: { id: string; slug: string; tags: Tags };
  environment: { id: string; slug: string; name: string; class: EnvironmentClass; tags: Tags };
  components: Map<string, Tags>;
}

const tags = (value: unknown): Tags =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Tags) : {};

/** Slugs and user tags of the organization, project, environment and the project's components. */
export async function loadCascade(
  projectId: string,
  environmentId: string,
  tx: Tx = prisma(),
): Promise<CascadeDto | null> {
  const env = await tx.environment.findFirst({
    where: { id: environmentId, projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      class: true,
      tags: true,
      project: {
        select: {
          id: true,
          slug: true,
          tags: true,
          organization: { select: { id: true, slug: true, tags: true } },
          components: { select: { id: true, tags: true } },
        },
      },
    },
  });
  if (!env) return null;
  const { project } = env;
  return {
    organization: {
      id: project.organization.id,
      slug: project.organization.slug,
      tags: tags(project.organization.tags),
    },
    project: { id: project.id, slug: project.slug, tags: tags(project.tags) },
    environment: {
      id: env.id,
      slug: env.slug,
      name: env.name,
      class: env.class,
      tags: tags(env.tags),
    },
    components: new Map(project.components.map((c) => [c.id, tags(c.tags)])),
  };
}

export interface InstanceRuntimeDto {
  instanceId: string;
  componentId: string;
  /** Payloads the instance produced, by output slot (non-sensitive fields only). */
  artifacts: Map<string, { payload: Record<string, unknown>; sensitive: string | null }>;
  secretsSet: string[];
}

/**
 * Deployed artifacts and set secret names of the given components' instances in one environment.
 */
export async function loadInstancesRuntime(
  environmentId: string,
  componentIds: string[],
  tx: Tx = prisma(),
): Promise<Map<string, InstanceRuntimeDto>> {
  const rows = await tx.instance.findMany({
    where: { environmentId, componentId: { in: componentIds } },
    select: {
      id: true,
      componentId: true,
      artifacts: {
        where: { environmentDefault: false, remoteReference: false },
        select: { slot: true, linkId: true, payload: true, sensitive: true },
      },
      secrets: { select: { name: true } },
    },
  });
  return new Map(
    rows.map((r) => [
      r.componentId,
      {
        instanceId: r.id,
        componentId: r.componentId,
        artifacts: new Map(
          r.artifacts.flatMap((a) =>
            a.slot
              ? [
                  [
                    outputKey(a.slot, a.linkId),
                    { payload: a.payload as Record<string, unknown>, sensitive: a.sensitive },
                  ] as const,
                ]
              : [],
          ),
        ),
        secretsSet: r.secrets.map((s) => s.name),
      },
    ]),
  );
}

/**
 * The key of an instance's output in `artifacts`: the slot for what every line sees, `slot@link`
 * for the payload made for one line (its own credentials).
 */
export const outputKey = (slot: string, linkId?: string | null) =>
  linkId ? `${slot}@${linkId}` : slot;

/** Writes (or replaces) what an instance produced on one output slot (for one line). */
export async function upsertInstanceOutput(
  tx: Tx,
  input: {
    organizationId: string;
    environmentId: string;
    instanceId: string;
    slot: string;
    linkId?: string | null;
    name: string;
    type: string;
    payload: Record<string, unknown>;
    sensitive: string | null;
  },
): Promise<void> {
  const existing = await tx.artifact.findFirst({
    where: {
      instanceId: input.instanceId,
      slot: input.slot,
      linkId: input.linkId ?? null,
      environmentDefault: false,
    },
    select: { id: true },
  });
  const data = {
    typeName: input.type,
    name: input.name,
    payload: input.payload as Prisma.InputJsonValue,
    sensitive: input.sensitive,
  };
  if (existing) await tx.artifact.update({ where: { id: existing.id }, data });
  else
    await tx.artifact.create({
      data: {
        ...data,
        organizationId: input.organizationId,
        environmentId: input.environmentId,
        instanceId: input.instanceId,
        slot: input.slot,
        linkId: input.linkId ?? null,
      },
    });
}

/** Removes everything an instance produced (after a destroy): lines into it are previews again. */
export async function deleteInstanceOutputs(tx: Tx, instanceId: string): Promise<void> {
  await tx.artifact.deleteMany({
    where: { instanceId, environmentDefault: false, remoteReference: false },
  });
}

/** Removes per-line payloads of lines that no longer exist (their roles were dropped). */
export async function deleteLineOutputsExcept(
  tx: Tx,
  instanceId: string,
  keep: readonly string[],
): Promise<void> {
  await tx.artifact.deleteMany({
    where: { instanceId, linkId: { not: null, notIn: [...keep] }, environmentDefault: false },
  });
}
