// The only Prisma access for changing environments: locking one for a change, renaming,
// class and protection, forking (new environment + copied instance rows) and deleting.
// Creating one and listing a project's environments live in ./projects.ts.
import type { Tx } from "../db";
import type {
  DeletionFacts,
  EnvironmentClass,
  ForkedInstance,
  ForkSourceInstance,
  LinkPolicyChoice,
} from "../domain/environments";
import type { Prisma } from "../generated/prisma/client";
import { environmentSelect, type EnvironmentDto } from "./projects";

const json = (value: unknown) => value as Prisma.InputJsonValue;

/**
 * The environment, only when it belongs to `projectId`, with its row locked until the
 * transaction ends: a concurrent rename, fork or delete of it waits, so the checks made
 * here still hold when the change is written.
 */
export async function lockEnvironment(
  tx: Tx,
  projectId: string,
  environmentId: string,
): Promise<(EnvironmentDto & { tags: unknown }) | null> {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM "Environment" WHERE id = $1 AND "projectId" = $2 FOR UPDATE`,
    environmentId,
    projectId,
  );
  if (locked.length === 0) return null;
  return tx.environment.findUnique({
    where: { id: environmentId },
    select: { ...environmentSelect, tags: true },
  });
}

export async function updateEnvironment(
  tx: Tx,
  environmentId: string,
  data: { name?: string; class?: EnvironmentClass; protected?: boolean },
): Promise<EnvironmentDto> {
  return tx.environment.update({ where: { id: environmentId }, data, select: environmentSelect });
}

/**
 * Every instance of the environment as a fork reads it (configuration, and how many secrets —
 * never which values) and the links' policy choices there.
 */
export async function forkSource(
  tx: Tx,
  environmentId: string,
): Promise<{
  instances: ForkSourceInstance[];
  environmentDefaults: number;
  linkPolicies: LinkPolicyChoice[];
}> {
  const [rows, environmentDefaults, linkPolicies] = await Promise.all([
    tx.instance.findMany({
      where: { environmentId },
      select: {
        componentId: true,
        params: true,
        presetVersionId: true,
        component: { select: { name: true, bundleName: true } },
        _count: { select: { secrets: true } },
      },
    }),
    tx.artifact.count({ where: { environmentId, environmentDefault: true } }),
    tx.linkPolicy.findMany({
      where: { environmentId },
      select: { linkId: true, policies: true },
      orderBy: { linkId: "asc" },
    }),
  ]);
  const instances = rows.map(({ component, _count, ...i }) => ({
    ...i,
    componentName: component.name,
    bundle: component.bundleName,
    secretCount: _count.secrets,
  }));
  return { instances, environmentDefaults, linkPolicies };
}

/**
 * True when `error` is the database refusing a second environment with the same slug in a project.
 */
export function isSlugViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { modelName?: unknown } } | null;
  return e?.code === "P2002" && e.meta?.modelName === "Environment";
}

/**
 * The fork: a new environment remembering its source, one draft instance per copied
 * configuration and the copied link policy choices.
 */
export async function createFork(
  tx: Tx,
  input: {
    projectId: string;
    slug: string;
    name: string;
    class: EnvironmentClass;
    tags: unknown;
    forkedFromId: string;
  },
  instances: readonly ForkedInstance[],
  linkPolicies: readonly LinkPolicyChoice[] = [],
): Promise<EnvironmentDto> {
  const environment = await tx.environment.create({
    data: {
      projectId: input.projectId,
      slug: input.slug,
      name: input.name,
      class: input.class,
      protected: false,
      tags: json(input.tags ?? {}),
      forkedFromId: input.forkedFromId,
    },
    select: environmentSelect,
  });
  if (instances.length > 0) {
    await tx.instance.createMany({
      data: instances.map((i) => ({
        projectId: input.projectId,
        componentId: i.componentId,
        environmentId: environment.id,
        params: json(i.params),
        presetVersionId: i.presetVersionId,
      })),
    });
  }
  if (linkPolicies.length > 0) {
    await tx.linkPolicy.createMany({
      data: linkPolicies.map((c) => ({
        projectId: input.projectId,
        linkId: c.linkId,
        environmentId: environment.id,
        policies: c.policies,
      })),
    });
  }
  return environment;
}

/** What deleting the environment must look at: its instances' state and its deployment records. */
export async function deletionFacts(
  tx: Tx,
  environment: { id: string; name: string; protected: boolean },
): Promise<DeletionFacts> {
  const [instances, deployments] = await Promise.all([
    tx.instance.findMany({
      where: { environmentId: environment.id },
      select: {
        status: true,
        deployedVersion: true,
        component: { select: { name: true } },
        _count: { select: { artifacts: true } },
      },
    }),
    tx.deployment.count({
      where: {
        OR: [{ environmentId: environment.id }, { instance: { environmentId: environment.id } }],
      },
    }),
  ]);
  return {
    name: environment.name,
    protected: environment.protected,
    instances: instances.map((i) => ({
      componentName: i.component.name,
      status: i.status,
      deployedVersion: i.deployedVersion,
      outputs: i._count.artifacts,
    })),
    deployments,
  };
}

/**
 * Deletes the environment; its instances, their secrets and its environment defaults go with it
 * (cascade). Returns what went.
 */
export async function deleteEnvironment(
  tx: Tx,
  environmentId: string,
): Promise<{ instances: number; secrets: number; environmentDefaults: number }> {
  const [instances, secrets, environmentDefaults] = await Promise.all([
    tx.instance.count({ where: { environmentId } }),
    tx.secret.count({ where: { instance: { environmentId } } }),
    tx.artifact.count({ where: { environmentId, environmentDefault: true } }),
  ]);
  await tx.environment.delete({ where: { id: environmentId }, select: { id: true } });
  return { instances, secrets, environmentDefaults };
}
