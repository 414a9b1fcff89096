// A succeeded apply with two log lines, written straight to the database (set-up for the
// procedures that read runs, not a mutation under test: no audit event).
import type { Harness } from "./integration";

export async function writeFinishedRun(
  h: Harness,
  projectId: string,
  environmentId: string,
  componentId: string,
): Promise<string> {
  const prisma = h.db().prisma;
  const instance = await prisma.instance.upsert({
    where: { componentId_environmentId: { componentId, environmentId } },
    create: { projectId, componentId, environmentId },
    update: {},
    select: { id: true },
  });
  const at = new Date();
  const run = await prisma.deployment.create({
    data: {
      instanceId: instance.id,
      environmentId,
      action: "apply",
      status: "succeeded",
      createdAt: at,
      startedAt: at,
      finishedAt: at,
      logs: {
        create: [
          { seq: 1, stream: "system", line: "started", at },
          { seq: 2, stream: "stdout", line: "done", at },
        ],
      },
    },
    select: { id: true },
  });
  return run.id;
}
