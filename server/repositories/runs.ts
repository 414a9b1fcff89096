// The only Prisma access for runs once they are requested: a worker claims one, beats its
// heart, writes its logs and finishes it. Every status change is a conditional UPDATE on the
// status it expects, so two workers never both start a run and a finished run never moves.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

type RunStatus = "queued" | "running" | "planned" | "succeeded" | "failed" | "aborted";
type RunAction = "plan" | "apply" | "destroy" | "drift";

export interface RunRow {
  id: string;
  action: RunAction;
  status: RunStatus;
  instanceId: string | null;
  componentId: string | null;
  environmentId: string;
  projectId: string;
  organizationId: string;
  snapshot: unknown;
  batchId: string | null;
  planId: string | null;
  rollbackOfId: string | null;
  workerId: string | null;
  abortRequested: boolean;
}

const runSelect = {
  id: true,
  action: true,
  status: true,
  instanceId: true,
  environmentId: true,
  snapshot: true,
  batchId: true,
  planId: true,
  rollbackOfId: true,
  workerId: true,
  abortRequested: true,
  instance: { select: { componentId: true } },
  environment: { select: { projectId: true, project: { select: { organizationId: true } } } },
} as const;

type Selected = Prisma.DeploymentGetPayload<{ select: typeof runSelect }>;

const toRun = ({ instance, environment, ...r }: Selected): RunRow => ({
  ...r,
  componentId: instance?.componentId ?? null,
  projectId: environment.projectId,
  organizationId: environment.project.organizationId,
});

export async function findRun(id: string, tx: Tx = prisma()): Promise<RunRow | null> {
  const row = await tx.deployment.findUnique({ where: { id }, select: runSelect });
  return row ? toRun(row) : null;
}

/** The queued or running run holding an instance (the partial unique index allows one). */
export async function activeRunOf(
  tx: Tx,
  instanceId: string,
): Promise<{ id: string; action: RunAction; status: RunStatus } | null> {
  return tx.deployment.findFirst({
    where: { instanceId, status: { in: ["queued", "running"] } },
    select: { id: true, action: true, status: true },
  });
}

/**
 * queued → running for `workerId`; false when another worker (or an abort) came first, or when
 * the run is in a batch and something it waits for has not succeeded yet, or the batch already
 * runs as many as its parallelism allows. A batch run's claim holds the batch row, so two
 * claims never both count the same free place; the count is a new statement after the lock,
 * so it sees every claim committed before. The start is the clock's time at the update, not the
 * transaction's (which began before the wait for the batch row).
 */
export async function claimRun(id: string, workerId: string): Promise<boolean> {
  return prisma().$transaction(async (tx) => {
    const [batch] = await tx.$queryRawUnsafe<{ parallelism: number }[]>(
      `SELECT b.parallelism FROM "Deployment" d JOIN "DeploymentBatch" b ON b.id = d."batchId"
         WHERE d.id = $1 AND d.status = 'queued' FOR UPDATE OF b`,
      id,
    );
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE "Deployment" d SET status = 'running', "workerId" = $2,
           "startedAt" = clock_timestamp(), "heartbeatAt" = clock_timestamp()
         WHERE d.id = $1 AND d.status = 'queued' AND NOT EXISTS (
           SELECT 1 FROM "DeploymentBatch" b
             CROSS JOIN LATERAL jsonb_array_elements_text(b.waits -> d.id) AS w(id)
             JOIN "Deployment" u ON u.id = w.id
           WHERE b.id = d."batchId" AND u.status <> 'succeeded')
         AND ($3::int IS NULL OR (SELECT count(*) FROM "Deployment" r
           WHERE r."batchId" = d."batchId" AND r.status = 'running') < $3::int)
         RETURNING d.id`,
      id,
      workerId,
      batch?.parallelism ?? null,
    );
    return rows.length === 1;
  });
}

/** The worker is alive; answers whether someone asked to abort the run meanwhile. */
export async function beat(id: string, workerId: string): Promise<{ abortRequested: boolean }> {
  const rows = await prisma().$queryRawUnsafe<{ abortRequested: boolean }[]>(
    `UPDATE "Deployment" SET "heartbeatAt" = now() WHERE id = $1 AND "workerId" = $2
       AND status = 'running' RETURNING "abortRequested"`,
    id,
    workerId,
  );
  return { abortRequested: rows[0]?.abortRequested ?? false };
}

export interface LogRow {
  seq: number;
  at: Date;
  stream: string;
  line: string;
}

export async function appendLogs(id: string, lines: LogRow[]): Promise<void> {
  if (lines.length === 0) return;
  await prisma().deploymentLog.createMany({
    data: lines.map((l) => ({ deploymentId: id, ...l })),
  });
}

export async function lastLogSeq(id: string): Promise<number> {
  const row = await prisma().deploymentLog.findFirst({
    where: { deploymentId: id },
    orderBy: { seq: "desc" },
    select: { seq: true },
  });
  return row?.seq ?? 0;
}

export interface Finish {
  status: "planned" | "succeeded" | "failed" | "aborted";
  reason?: string | null;
  inputs?: unknown;
  changes?: unknown;
  outputs?: unknown;
  /** A plan's saved plan file, sealed. */
  savedPlan?: string | null;
}

const json = (value: unknown) =>
  value === undefined ? undefined : (value as Prisma.InputJsonValue);

/**
 * Ends a run that is still in one of `from`; false when it already moved (aborted meanwhile, or
 * failed by recovery). Frees the instance: the partial unique index only holds active runs.
 */
export async function finishRun(
  tx: Tx,
  id: string,
  from: readonly RunStatus[],
  finish: Finish,
): Promise<boolean> {
  const { count } = await tx.deployment.updateMany({
    where: { id, status: { in: [...from] } },
    data: {
      status: finish.status,
      finishedAt: new Date(),
      reason: finish.reason ?? null,
      inputs: json(finish.inputs),
      changes: json(finish.changes),
      outputs: json(finish.outputs),
      savedPlan: finish.savedPlan,
    },
  });
  return count === 1;
}

export async function requestAbort(tx: Tx, id: string): Promise<void> {
  await tx.deployment.update({
    where: { id },
    data: { abortRequested: true },
    select: { id: true },
  });
}

/** Runs some worker holds: recovery decides from their worker and heartbeat whether it is lost. */
export async function runningRuns(): Promise<
  { id: string; workerId: string | null; heartbeatAt: Date | null }[]
> {
  return prisma().deployment.findMany({
    where: { status: "running" },
    select: { id: true, workerId: true, heartbeatAt: true },
  });
}

/** Queued runs outside a batch, or in one, requested before `before`: to wake again. */
export async function queuedRunIds(
  before: Date,
): Promise<{ id: string; batchId: string | null }[]> {
  return prisma().deployment.findMany({
    where: { status: "queued", createdAt: { lt: before } },
    select: { id: true, batchId: true },
    orderBy: { createdAt: "asc" },
    take: 500,
  });
}

/** What a destroy must respect: the environment's protection and who consumes the component. */
export async function destroyGuard(
  tx: Tx,
  projectId: string,
  environmentId: string,
  componentId: string,
): Promise<{ protected: boolean; consumers: string[] }> {
  const [environment, links] = await Promise.all([
    tx.environment.findUniqueOrThrow({ where: { id: environmentId }, select: { protected: true } }),
    tx.link.findMany({
      where: { projectId, fromComponentId: componentId },
      select: { to: { select: { name: true } } },
    }),
  ]);
  return { protected: environment.protected, consumers: links.map((l) => l.to.name) };
}

/** Components with something deployed in the environment (what a destroy has to remove). */
export async function deployedComponentIds(tx: Tx, environmentId: string): Promise<Set<string>> {
  const rows = await tx.instance.findMany({
    where: { environmentId, status: { notIn: ["draft", "decommissioned"] } },
    select: { componentId: true },
  });
  return new Set(rows.map((r) => r.componentId));
}

/** A finished plan run, as an apply of it needs it. */
export async function findPlan(
  id: string,
  tx: Tx = prisma(),
): Promise<{
  id: string;
  instanceId: string | null;
  action: RunAction;
  status: RunStatus;
  inputs: unknown;
  changes: unknown;
  savedPlan: string | null;
} | null> {
  return tx.deployment.findUnique({
    where: { id },
    select: {
      id: true,
      instanceId: true,
      action: true,
      status: true,
      inputs: true,
      changes: true,
      savedPlan: true,
    },
  });
}
