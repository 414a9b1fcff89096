// Reading runs: one run with what it executed, its log lines after a sequence number, the
// newest run of each component in an environment, and an environment's runs with filters.
// Every query is scoped by project and environment together, so an id from another tenant
// reads as nothing. Writing runs belongs to the runner and the deployment services.
import { prisma, type Tx } from "../db";

type RunAction = "plan" | "apply" | "destroy" | "drift";
type RunStatus = "queued" | "running" | "planned" | "succeeded" | "failed" | "aborted";
type InstanceStatus =
  | "draft"
  | "pending"
  | "provisioning"
  | "running"
  | "failed"
  | "decommissioned";

export interface RunRow {
  id: string;
  /** 1, 2, 3 … in the order runs were requested in the environment. */
  number: number;
  action: RunAction;
  status: RunStatus;
  message: string;
  bundleVersion: string | null;
  environment: { id: string; slug: string; name: string };
  /** Null once the component was deleted (the run stays in the environment's history). */
  component: { id: string; name: string } | null;
  createdBy: { name: string; email: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  reason: string | null;
  batchId: string | null;
}

export interface RunFilter {
  projectId: string;
  environmentId: string;
  componentId?: string;
  status?: RunStatus;
  action?: RunAction;
  id?: string;
}

interface Row extends Omit<RunRow, "environment" | "component" | "createdBy"> {
  environmentSlug: string;
  environmentName: string;
  componentId: string | null;
  componentName: string | null;
  userName: string | null;
  userEmail: string | null;
}

/**
 * Runs of one environment, newest first, narrowed by component, status and action. The
 * number is the position in the environment's whole history, so it reads the same filtered.
 */
export async function listRuns(
  filter: RunFilter,
  limit: number,
  tx: Tx = prisma(),
): Promise<RunRow[]> {
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `SELECT d.id, n.number, d.action::text AS action, d.status::text AS status, d.message,
        d."bundleVersion", d."createdAt", d."startedAt", d."finishedAt", d.reason, d."batchId",
        e.slug AS "environmentSlug", e.name AS "environmentName",
        c.id AS "componentId", c.name AS "componentName", u.name AS "userName", u.email AS "userEmail"
      FROM (SELECT id, (row_number() OVER (ORDER BY "createdAt", id))::int AS number
            FROM "Deployment" WHERE "environmentId" = $1) n
      JOIN "Deployment" d ON d.id = n.id
      JOIN "Environment" e ON e.id = d."environmentId" AND e."projectId" = $2
      LEFT JOIN "Instance" i ON i.id = d."instanceId"
      LEFT JOIN "Component" c ON c."projectId" = i."projectId" AND c.id = i."componentId"
      LEFT JOIN "User" u ON u.id = d."createdById"
      WHERE ($3::text IS NULL OR c.id = $3::text) AND ($4::text IS NULL OR d.id = $4::text)
        AND ($5::text IS NULL OR d.status::text = $5::text)
        AND ($6::text IS NULL OR d.action::text = $6::text)
      ORDER BY n.number DESC
      LIMIT ${Math.trunc(limit)}`,
    filter.environmentId,
    filter.projectId,
    filter.componentId ?? null,
    filter.id ?? null,
    filter.status ?? null,
    filter.action ?? null,
  );
  return rows.map(
    ({
      environmentSlug,
      environmentName,
      componentId,
      componentName,
      userName,
      userEmail,
      ...r
    }) => ({
      ...r,
      number: Number(r.number),
      environment: { id: filter.environmentId, slug: environmentSlug, name: environmentName },
      component: componentId && componentName ? { id: componentId, name: componentName } : null,
      createdBy: userName && userEmail ? { name: userName, email: userEmail } : null,
    }),
  );
}

/** What a run executed and produced: stored masked, so it is read as it is. */
export interface RunDetailRow {
  snapshot: unknown;
  inputs: unknown;
  changes: unknown;
  outputs: unknown;
  planId: string | null;
  rollbackOfId: string | null;
  abortRequested: boolean;
}

export async function runDetail(
  projectId: string,
  environmentId: string,
  deploymentId: string,
): Promise<RunDetailRow | null> {
  return prisma().deployment.findFirst({
    where: { id: deploymentId, environmentId, environment: { projectId } },
    select: {
      snapshot: true,
      inputs: true,
      changes: true,
      outputs: true,
      planId: true,
      rollbackOfId: true,
      abortRequested: true,
    },
  });
}

/** The run's status, or null when it is not a run of this environment of this project. */
export async function runStatus(
  projectId: string,
  environmentId: string,
  deploymentId: string,
): Promise<RunStatus | null> {
  const run = await prisma().deployment.findFirst({
    where: { id: deploymentId, environmentId, environment: { projectId } },
    select: { status: true },
  });
  return run?.status ?? null;
}

export interface LogLineRow {
  seq: number;
  at: Date;
  stream: string;
  text: string;
}

/** Up to `limit` lines of a run after `afterSeq`, in order. */
export async function logLines(
  deploymentId: string,
  afterSeq: number,
  limit: number,
): Promise<LogLineRow[]> {
  const rows = await prisma().deploymentLog.findMany({
    where: { deploymentId, seq: { gt: afterSeq } },
    orderBy: { seq: "asc" },
    take: limit,
    select: { seq: true, at: true, stream: true, line: true },
  });
  return rows.map(({ line, ...r }) => ({ ...r, text: line }));
}

export interface RunStatusRow {
  componentId: string;
  deploymentId: string;
  action: RunAction;
  status: RunStatus;
  instanceStatus: InstanceStatus;
  /** The newest drift check's finding; null: never checked. */
  drift: "clean" | "drifted" | "failed" | null;
}

/**
 * The newest run of each component of the project in the environment. A drift check counts
 * only while it is active: once done, the run shown is again the one that changed something
 * (its finding is `drift`, beside it).
 */
export async function newestRunPerComponent(
  projectId: string,
  environmentId: string,
): Promise<RunStatusRow[]> {
  return prisma().$queryRawUnsafe<RunStatusRow[]>(
    `SELECT DISTINCT ON (c.id) c.id AS "componentId", d.id AS "deploymentId",
        d.action::text AS action, d.status::text AS status, i.status::text AS "instanceStatus",
        dr.status::text AS drift
      FROM "Deployment" d
      JOIN "Environment" e ON e.id = d."environmentId" AND e."projectId" = $2
      JOIN "Instance" i ON i.id = d."instanceId"
      JOIN "Component" c ON c."projectId" = i."projectId" AND c.id = i."componentId"
      LEFT JOIN "InstanceDrift" dr ON dr."instanceId" = i.id
      WHERE d."environmentId" = $1 AND (d.action <> 'drift' OR d.status IN ('queued', 'running'))
      ORDER BY c.id, d."createdAt" DESC, d.id DESC`,
    environmentId,
    projectId,
  );
}

export async function environmentOfProject(
  projectId: string,
  environmentId: string,
): Promise<boolean> {
  return (await prisma().environment.count({ where: { id: environmentId, projectId } })) > 0;
}

export async function componentOfProject(projectId: string, componentId: string) {
  return (await prisma().component.count({ where: { id: componentId, projectId } })) > 0;
}
