// The only Prisma access for deployment records. A record is written once, when it is
// requested (status `queued`); running it — status, start and end, logs — belongs to the
// deployment runner, which does not exist yet.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

type DeploymentActionDto = "plan" | "apply" | "destroy";
type DeploymentStatusDto = "queued" | "running" | "planned" | "succeeded" | "failed" | "aborted";
export type InstanceStatusValue =
  | "draft"
  | "pending"
  | "provisioning"
  | "running"
  | "failed"
  | "decommissioned";

export interface DeploymentRowDto {
  id: string;
  /** 1, 2, 3 … in the order requests were made in the environment. */
  number: number;
  action: DeploymentActionDto;
  status: DeploymentStatusDto;
  message: string;
  bundleVersion: string | null;
  environment: { id: string; slug: string; name: string };
  /** Null once the component was deleted (the record stays in the environment's history). */
  component: { id: string; name: string } | null;
  createdBy: { name: string; email: string } | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/**
 * Row-locks the environment until commit, so requests in one environment are numbered in
 * the order they commit. NO KEY UPDATE: it serializes requests without holding up rows that
 * merely reference the environment (an instance created meanwhile). False when the
 * environment is not in the project.
 */
export async function lockEnvironmentForRequest(
  tx: Tx,
  projectId: string,
  environmentId: string,
): Promise<boolean> {
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM "Environment" WHERE id = $1 AND "projectId" = $2 FOR NO KEY UPDATE`,
    environmentId,
    projectId,
  );
  return rows.length > 0;
}

/**
 * Share-locks the secrets set on the instance until commit: one cleared meanwhile waits, so
 * a request never records as set a secret that was being cleared while it was checked.
 */
export async function lockInstanceSecrets(tx: Tx, instanceId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "Secret" WHERE "instanceId" = $1 FOR SHARE`, instanceId);
}

export async function insertDeployment(
  tx: Tx,
  input: {
    id: string;
    instanceId: string;
    environmentId: string;
    action: "plan" | "apply" | "destroy";
    snapshot: unknown;
    batchId?: string | null;
    planId?: string | null;
    rollbackOfId?: string | null;
    bundleVersion: string;
    message: string;
    createdById: string | null;
  },
): Promise<void> {
  await tx.deployment.create({
    data: {
      ...input,
      snapshot: input.snapshot as Prisma.InputJsonValue,
      status: "queued",
      createdAt: new Date(),
    },
    select: { id: true },
  });
}

export async function instanceStatus(tx: Tx, instanceId: string): Promise<InstanceStatusValue> {
  return (
    await tx.instance.findUniqueOrThrow({ where: { id: instanceId }, select: { status: true } })
  ).status;
}

export async function setInstanceStatus(
  tx: Tx,
  instanceId: string,
  status: InstanceStatusValue,
): Promise<void> {
  await tx.instance.update({ where: { id: instanceId }, data: { status }, select: { id: true } });
}

interface Row extends Omit<DeploymentRowDto, "environment" | "component" | "createdBy"> {
  environmentSlug: string;
  environmentName: string;
  componentId: string | null;
  componentName: string | null;
  userName: string | null;
  userEmail: string | null;
}

/**
 * Deployments of one environment (of one component in it, when given), newest first. The
 * number is the position in the environment's whole history, so it reads the same in both.
 */
export async function listDeployments(
  filter: { projectId: string; environmentId: string; componentId?: string; id?: string },
  limit: number,
  tx: Tx = prisma(),
): Promise<DeploymentRowDto[]> {
  const rows = await tx.$queryRawUnsafe<Row[]>(
    `SELECT d.id, n.number, d.action::text AS action, d.status::text AS status, d.message, d."bundleVersion",
        d."createdAt", d."startedAt", d."finishedAt", e.slug AS "environmentSlug", e.name AS "environmentName",
        c.id AS "componentId", c.name AS "componentName", u.name AS "userName", u.email AS "userEmail"
      FROM (SELECT id, (row_number() OVER (ORDER BY "createdAt", id))::int AS number FROM "Deployment" WHERE "environmentId" = $1) n
      JOIN "Deployment" d ON d.id = n.id
      JOIN "Environment" e ON e.id = d."environmentId" AND e."projectId" = $2
      LEFT JOIN "Instance" i ON i.id = d."instanceId"
      LEFT JOIN "Component" c ON c."projectId" = i."projectId" AND c.id = i."componentId"
      LEFT JOIN "User" u ON u.id = d."createdById"
      WHERE ($3::text IS NULL OR c.id = $3::text) AND ($4::text IS NULL OR d.id = $4::text)
      ORDER BY n.number DESC
      LIMIT ${Math.trunc(limit)}`,
    filter.environmentId,
    filter.projectId,
    filter.componentId ?? null,
    filter.id ?? null,
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

export async function environmentInProject(
  projectId: string,
  environmentId: string,
  tx: Tx = prisma(),
): Promise<boolean> {
  return (await tx.environment.count({ where: { id: environmentId, projectId } })) > 0;
}

export async function environmentGuard(
  tx: Tx,
  environmentId: string,
): Promise<{ slug: string; protected: boolean }> {
  return tx.environment.findUniqueOrThrow({
    where: { id: environmentId },
    select: { slug: true, protected: true },
  });
}

/**
 * What an instance is once no run holds it: running after its last finished apply,
 * decommissioned after a destroy, failed after a failure, draft when nothing ever ran.
 */
export async function settledInstanceStatus(
  tx: Tx,
  instanceId: string,
): Promise<InstanceStatusValue> {
  const last = await tx.deployment.findFirst({
    where: { instanceId, action: { not: "plan" }, status: { in: ["succeeded", "failed"] } },
    orderBy: { finishedAt: "desc" },
    select: { action: true, status: true },
  });
  if (!last) return "draft";
  if (last.status === "failed") return "failed";
  return last.action === "destroy" ? "decommissioned" : "running";
}
