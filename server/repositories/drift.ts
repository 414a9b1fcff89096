// Prisma access for drift: each instance's newest finding, which instances are deployed (a drift
// check only looks at those), and the environments' drift schedules with their last tick.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

type DriftStatusValue = "clean" | "drifted" | "failed";

export interface DriftRow {
  instanceId: string;
  status: DriftStatusValue;
  items: unknown;
  checkedAt: Date;
  deploymentId: string | null;
  since: Date;
}

const driftSelect = {
  instanceId: true,
  status: true,
  items: true,
  checkedAt: true,
  deploymentId: true,
  since: true,
} as const;

/** The finding, row-locked until commit so two checks ending at once judge one after another. */
export async function lockDrift(tx: Tx, instanceId: string): Promise<DriftRow | null> {
  await tx.$queryRawUnsafe(`SELECT 1 FROM "Instance" WHERE id = $1 FOR NO KEY UPDATE`, instanceId);
  return tx.instanceDrift.findUnique({ where: { instanceId }, select: driftSelect });
}

export async function saveDrift(tx: Tx, row: DriftRow): Promise<void> {
  const data = { ...row, items: row.items as Prisma.InputJsonValue };
  await tx.instanceDrift.upsert({
    where: { instanceId: row.instanceId },
    create: data,
    update: data,
    select: { instanceId: true },
  });
}

/** A destroyed instance has nothing left to drift: its finding goes with what it checked. */
export async function clearDrift(tx: Tx, instanceId: string): Promise<void> {
  await tx.instanceDrift.deleteMany({ where: { instanceId } });
}

/** The findings of an environment's instances, by component id. */
export async function driftOfEnvironment(
  projectId: string,
  environmentId: string,
): Promise<(DriftRow & { componentId: string })[]> {
  const rows = await prisma().instanceDrift.findMany({
    where: { instance: { projectId, environmentId } },
    select: { ...driftSelect, instance: { select: { componentId: true } } },
  });
  return rows.map(({ instance, ...r }) => ({ ...r, componentId: instance.componentId }));
}

/**
 * The deployed components of an environment (or just `componentId`): their newest finished
 * apply or destroy is a succeeded apply. With the run holding each now, if any.
 */
export async function deployedComponents(
  tx: Tx,
  environmentId: string,
  componentId: string | null,
): Promise<{ componentId: string; instanceId: string; active: boolean }[]> {
  const rows = await tx.$queryRawUnsafe<
    { componentId: string; instanceId: string; active: boolean }[]
  >(
    `SELECT i."componentId", i.id AS "instanceId",
        EXISTS (SELECT 1 FROM "Deployment" a WHERE a."instanceId" = i.id
          AND a.status IN ('queued', 'running')) AS active
      FROM "Instance" i
      WHERE i."environmentId" = $1 AND ($2::text IS NULL OR i."componentId" = $2::text)
        AND (SELECT d.action::text || ':' || d.status::text FROM "Deployment" d
          WHERE d."instanceId" = i.id AND d.action IN ('apply', 'destroy')
            AND d.status IN ('succeeded', 'failed', 'aborted')
          ORDER BY d."finishedAt" DESC NULLS LAST, d."createdAt" DESC LIMIT 1) = 'apply:succeeded'
      ORDER BY i."componentId"`,
    environmentId,
    componentId,
  );
  return rows;
}

/** The instance's newest succeeded apply: what a reconcile applies again. */
export async function lastSucceededApply(
  environmentId: string,
  componentId: string,
  tx: Tx = prisma(),
): Promise<string | null> {
  const row = await tx.deployment.findFirst({
    where: { environmentId, instance: { componentId }, action: "apply", status: "succeeded" },
    orderBy: { finishedAt: "desc" },
    select: { id: true },
  });
  return row?.id ?? null;
}

export async function setDriftSchedule(
  tx: Tx,
  environmentId: string,
  cron: string | null,
): Promise<{ before: string | null }> {
  const env = await tx.environment.findUniqueOrThrow({
    where: { id: environmentId },
    select: { driftSchedule: true },
  });
  await tx.environment.update({
    where: { id: environmentId },
    // A new schedule counts from now: no check for the times before it was set.
    data: { driftSchedule: cron, driftTickAt: new Date() },
    select: { id: true },
  });
  return { before: env.driftSchedule };
}

export async function driftSchedule(projectId: string, environmentId: string) {
  return prisma().environment.findFirst({
    where: { id: environmentId, projectId },
    select: { driftSchedule: true, driftTickAt: true },
  });
}

export interface ScheduledEnvironment {
  id: string;
  projectId: string;
  organizationId: string;
  driftSchedule: string;
  driftTickAt: Date | null;
}

export async function scheduledEnvironments(): Promise<ScheduledEnvironment[]> {
  const rows = await prisma().environment.findMany({
    where: { driftSchedule: { not: null } },
    select: {
      id: true,
      projectId: true,
      driftSchedule: true,
      driftTickAt: true,
      project: { select: { organizationId: true } },
    },
  });
  return rows.map(({ project, driftSchedule, ...r }) => ({
    ...r,
    driftSchedule: driftSchedule ?? "",
    organizationId: project.organizationId,
  }));
}

/**
 * Moves the environment's last tick from `from` to `to`; false when another process moved it
 * first (that process queues the checks, this one does not).
 */
export async function claimTick(
  tx: Tx,
  environmentId: string,
  from: Date | null,
  to: Date,
): Promise<boolean> {
  const { count } = await tx.environment.updateMany({
    where: { id: environmentId, driftTickAt: from, driftSchedule: { not: null } },
    data: { driftTickAt: to },
  });
  return count === 1;
}
