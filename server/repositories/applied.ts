// What an instance's last succeeded apply applied, for "deploy what changed": its inputs, and
// whether a secret was set after it was requested (snapshots hold secrets by name only).
import { prisma, type Tx } from "../db";

export async function lastAppliedRun(
  tx: Tx,
  instanceId: string,
): Promise<{ id: string; inputs: unknown; createdAt: Date } | null> {
  return tx.deployment.findFirst({
    where: { instanceId, action: "apply", status: "succeeded" },
    orderBy: { finishedAt: "desc" },
    select: { id: true, inputs: true, createdAt: true },
  });
}

export async function secretSetSince(
  instanceId: string,
  since: Date,
  tx: Tx = prisma(),
): Promise<boolean> {
  const row = await tx.secret.findFirst({
    where: { instanceId, updatedAt: { gt: since } },
    select: { id: true },
  });
  return row !== null;
}

/** The instance of a component in an environment when it runs (its last apply succeeded). */
export async function runningInstanceId(
  tx: Tx,
  environmentId: string,
  componentId: string,
): Promise<string | null> {
  const row = await tx.instance.findFirst({
    where: { environmentId, componentId, status: "running" },
    select: { id: true },
  });
  return row?.id ?? null;
}
