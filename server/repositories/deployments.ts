// Prisma access for requesting deployments: the record is written once, when it is requested
// (status `queued`), with the instance's status; running it belongs to the runner
// (repositories/runs.ts) and reading runs to repositories/runs-read.ts.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

export type InstanceStatusValue =
  | "draft"
  | "pending"
  | "provisioning"
  | "running"
  | "failed"
  | "decommissioned";

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
    action: "plan" | "apply" | "destroy" | "drift";
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
    where: {
      instanceId,
      action: { in: ["apply", "destroy"] },
      status: { in: ["succeeded", "failed"] },
    },
    orderBy: { finishedAt: "desc" },
    select: { action: true, status: true },
  });
  if (!last) return "draft";
  if (last.status === "failed") return "failed";
  return last.action === "destroy" ? "decommissioned" : "running";
}
