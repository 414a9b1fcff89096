// The only Prisma access for whole-environment deployments (batches): created with the runs they
// hold, and read back whenever one of their runs ends.
import { prisma, type Tx } from "../db";

type RunStatus = "queued" | "running" | "planned" | "succeeded" | "failed" | "aborted";
type RunAction = "plan" | "apply" | "destroy" | "drift";

export interface BatchState {
  id: string;
  action: RunAction;
  parallelism: number;
  waits: Record<string, string[]>;
  runs: { id: string; status: RunStatus; componentName: string | null }[];
}

export async function batchState(batchId: string, tx: Tx = prisma()): Promise<BatchState | null> {
  const row = await tx.deploymentBatch.findUnique({
    where: { id: batchId },
    select: {
      id: true,
      action: true,
      parallelism: true,
      waits: true,
      runs: {
        select: {
          id: true,
          status: true,
          instance: { select: { component: { select: { name: true } } } },
        },
      },
    },
  });
  if (!row) return null;
  return {
    ...row,
    waits: row.waits as Record<string, string[]>,
    runs: row.runs.map((r) => ({
      id: r.id,
      status: r.status,
      componentName: r.instance?.component.name ?? null,
    })),
  };
}

export async function createBatch(
  tx: Tx,
  input: {
    environmentId: string;
    action: RunAction;
    createdById: string | null;
    parallelism: number;
  },
): Promise<string> {
  const row = await tx.deploymentBatch.create({ data: input, select: { id: true } });
  return row.id;
}

export async function setBatchWaits(
  tx: Tx,
  batchId: string,
  waits: Record<string, string[]>,
): Promise<void> {
  await tx.deploymentBatch.update({
    where: { id: batchId },
    data: { waits },
    select: { id: true },
  });
}
