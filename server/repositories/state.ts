// The only Prisma access for Terraform states: versions (sealed bytes, never overwritten) and
// the one lock per instance and step. Rows hold ciphertext; `readVersionSealed` returns it for
// the state service to open, never for a response.
import type { Sealed } from "../crypto/cipher";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

export interface StateInstanceDto {
  id: string;
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

/** The instance with its organization (through its project): tenancy is checked on it. */
export async function findStateInstance(
  instanceId: string,
  tx: Tx = prisma(),
): Promise<StateInstanceDto | null> {
  const row = await tx.instance.findUnique({
    where: { id: instanceId },
    select: {
      id: true,
      projectId: true,
      componentId: true,
      environmentId: true,
      environment: { select: { project: { select: { organizationId: true } } } },
    },
  });
  if (!row) return null;
  const { environment, ...rest } = row;
  return { ...rest, organizationId: environment.project.organizationId };
}

/** The instance of a component in an environment, when it exists and the project is `projectId`. */
export async function findInstanceOf(
  projectId: string,
  componentId: string,
  environmentId: string,
) {
  const row = await prisma().instance.findFirst({
    where: { projectId, componentId, environmentId },
    select: { id: true },
  });
  return row?.id ?? null;
}

export interface StateVersionDto {
  version: number;
  serial: number;
  lineage: string;
  md5: string;
  size: number;
  who: string;
  deploymentId: string | null;
  forced: boolean;
  createdAt: Date;
}

const versionSelect = {
  version: true,
  serial: true,
  lineage: true,
  md5: true,
  size: true,
  who: true,
  deploymentId: true,
  forced: true,
  createdAt: true,
} as const;

export async function latestVersion(
  tx: Tx,
  instanceId: string,
  step: string,
): Promise<StateVersionDto | null> {
  return tx.stateVersion.findFirst({
    where: { instanceId, step },
    orderBy: { version: "desc" },
    select: versionSelect,
  });
}

/** A version's sealed bytes (the latest when `version` is omitted). */
export async function readVersionSealed(
  instanceId: string,
  step: string,
  version?: number,
  tx: Tx = prisma(),
): Promise<(StateVersionDto & { sealed: Sealed }) | null> {
  const row = await tx.stateVersion.findFirst({
    where: { instanceId, step, ...(version === undefined ? {} : { version }) },
    orderBy: { version: "desc" },
    select: { ...versionSelect, ciphertext: true, iv: true, authTag: true },
  });
  if (!row) return null;
  const { ciphertext, iv, authTag, ...dto } = row;
  return { ...dto, sealed: { ciphertext, iv, authTag } };
}

export interface NewVersion {
  organizationId: string;
  instanceId: string;
  step: string;
  version: number;
  serial: number;
  lineage: string;
  md5: string;
  size: number;
  sealed: Sealed;
  who: string;
  deploymentId: string | null;
  forced: boolean;
}

export async function insertVersion(tx: Tx, { sealed, ...data }: NewVersion) {
  await tx.stateVersion.create({ data: { ...data, ...sealed }, select: { id: true } });
}

export async function listVersions(instanceId: string, step: string): Promise<StateVersionDto[]> {
  return prisma().stateVersion.findMany({
    where: { instanceId, step },
    orderBy: { version: "desc" },
    select: versionSelect,
  });
}

export interface StateLockDto {
  step: string;
  lockId: string;
  info: unknown;
  deploymentId: string | null;
  createdAt: Date;
}

const lockSelect = {
  step: true,
  lockId: true,
  info: true,
  deploymentId: true,
  createdAt: true,
} as const;

export async function findLock(
  instanceId: string,
  step: string,
  tx: Tx = prisma(),
): Promise<StateLockDto | null> {
  return tx.stateLock.findUnique({
    where: { instanceId_step: { instanceId, step } },
    select: lockSelect,
  });
}

/** Takes the lock unless one is held (ON CONFLICT DO NOTHING: two takers never both win). */
export async function insertLock(
  tx: Tx,
  data: {
    instanceId: string;
    step: string;
    lockId: string;
    info: unknown;
    deploymentId: string | null;
  },
): Promise<boolean> {
  const { count } = await tx.stateLock.createMany({
    data: [{ ...data, info: data.info as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  return count === 1;
}

export async function deleteLock(tx: Tx, instanceId: string, step: string, lockId: string) {
  const { count } = await tx.stateLock.deleteMany({ where: { instanceId, step, lockId } });
  return count === 1;
}

/** Every lock a run's credentials took (and still hold). */
export async function locksOfRun(deploymentId: string) {
  return prisma().stateLock.findMany({
    where: { deploymentId },
    select: { ...lockSelect, instanceId: true },
  });
}

/** The states of an instance: each step's latest version and lock. */
export async function statesOf(instanceId: string) {
  const [versions, locks] = await Promise.all([
    prisma().stateVersion.findMany({
      where: { instanceId },
      orderBy: [{ step: "asc" }, { version: "desc" }],
      distinct: ["step"],
      select: { step: true, ...versionSelect },
    }),
    prisma().stateLock.findMany({ where: { instanceId }, select: lockSelect }),
  ]);
  return { versions, locks };
}

/** Whether a run is running now (run credentials are valid only then), with its instance. */
export async function runForCredentials(deploymentId: string) {
  return prisma().deployment.findUnique({
    where: { id: deploymentId },
    select: { id: true, status: true, instanceId: true },
  });
}

/**
 * The instances, in the same environment, of the components whose lines go INTO the instance's
 * component: the states its module may read (`terraform_remote_state`), by input slot.
 */
export async function upstreamInstances(
  instanceId: string,
): Promise<{ slot: string; instanceId: string }[]> {
  const instance = await prisma().instance.findUnique({
    where: { id: instanceId },
    select: { projectId: true, componentId: true, environmentId: true },
  });
  if (!instance) return [];
  const links = await prisma().link.findMany({
    where: { projectId: instance.projectId, toComponentId: instance.componentId },
    select: { toSlot: true, fromComponentId: true },
  });
  const producers = await prisma().instance.findMany({
    where: {
      projectId: instance.projectId,
      environmentId: instance.environmentId,
      componentId: { in: links.map((l) => l.fromComponentId) },
    },
    select: { id: true, componentId: true },
  });
  return links.flatMap((l) => {
    const producer = producers.find((p) => p.componentId === l.fromComponentId);
    return producer ? [{ slot: l.toSlot, instanceId: producer.id }] : [];
  });
}
