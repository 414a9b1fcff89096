// How the runner records what it does: as a system actor naming the deployment, each event
// targeting the run (and its component, while it exists).
import { runnerActor } from "../audit/runner-actor";
import { auditedWrite } from "../changes/audited-write";
import { setInstanceStatus } from "../repositories/deployments";
import { findRun, finishRun, type RunRow } from "../repositories/runs";

export { runnerActor };

export const runTarget = (run: RunRow) => ({
  type: "deployment",
  id: run.id,
  projectId: run.projectId,
  environmentId: run.environmentId,
  ...(run.componentId ? { componentId: run.componentId } : {}),
});

/**
 * Ends a run the runner did not finish itself — skipped in a batch (queued → aborted), lost with
 * its worker (running → failed, its instance failed) — with its audit event. Returns the run
 * when it was still in `from`, null when it had moved on.
 */
export async function endRun(
  id: string,
  from: "queued" | "running",
  status: "aborted" | "failed",
  reason: string,
): Promise<RunRow | null> {
  const run = await findRun(id);
  if (!run) return null;
  const ended = await auditedWrite(runnerActor(id), async (tx) => {
    const ended = await finishRun(tx, id, [from], { status, reason });
    if (
      ended &&
      status === "failed" &&
      run.instanceId &&
      (run.action === "apply" || run.action === "destroy")
    )
      await setInstanceStatus(tx, run.instanceId, "failed");
    return {
      result: ended,
      touched: [],
      audit: {
        organizationId: run.organizationId,
        action: `deployment.${status}`,
        target: runTarget(run),
        after: { action: run.action, status, reason },
      },
    };
  });
  return ended ? run : null;
}
