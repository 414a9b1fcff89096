// Re-deploying an earlier apply (a rollback): the instance's params are set back to what that
// apply ran with, through the diagram's own write path (so every guardrail of today holds and
// the environment's history records it), and an apply of them is queued — one audited change.
// Sensitive params are kept in snapshots only as fingerprints: one that changed since cannot be
// restored, and the re-deploy is refused naming it.
import { isDeepStrictEqual } from "node:util";
import { resolveForDeployment } from "../access/service";
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { fingerprinter } from "../crypto/fingerprint";
import { actingRole, writeDiagramOps } from "../diagram/service";
import { AppError } from "../domain/errors";
import { readDiagramScoped } from "../repositories/diagram-parts";
import * as repo from "../repositories/deployments";
import { findRun } from "../repositories/runs";
import { wakeRuns } from "../run-queue/dispatch";
import type { RequestedDeploymentDto } from "./schemas";
import { queueRun } from "./service";
import { type DeploymentSnapshot, deploymentSnapshot } from "./snapshot";

interface Target {
  organizationId: string;
  projectId: string;
  environmentId: string;
  deploymentId: string;
}

const isMarker = (v: unknown) =>
  typeof v === "object" && v !== null && "fingerprint" in v && Object.keys(v).length === 1;

/** The params to set back: the earlier ones, sensitive ones kept as they are (if unchanged). */
function restoredParams(earlier: DeploymentSnapshot, now: DeploymentSnapshot) {
  const params: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(earlier.params)) {
    if (!isMarker(value)) {
      params[key] = value;
      continue;
    }
    if (!isDeepStrictEqual(value, now.params[key]))
      throw new AppError(
        "BAD_REQUEST",
        `params.${key}: this sensitive value changed since and cannot be restored (snapshots keep only its fingerprint); set it again by hand`,
        { fields: { [`params.${key}`]: ["changed since; cannot be restored"] } },
      );
  }
  return params;
}

export async function redeployDeployment(
  ctx: AuditContext & { userId: string | null },
  t: Target,
  input: { message: string; auditAction?: "deployment.reconciled" },
): Promise<RequestedDeploymentDto> {
  const result = await auditedWrite(ctx, async (tx) => {
    if (!(await repo.lockEnvironmentForRequest(tx, t.projectId, t.environmentId)))
      throw new AppError("NOT_FOUND", "Environment not found in this project");
    const earlier = await findRun(t.deploymentId, tx);
    if (!earlier || earlier.projectId !== t.projectId || earlier.environmentId !== t.environmentId)
      throw new AppError("NOT_FOUND", "Deployment not found in this environment");
    if (earlier.action !== "apply" || earlier.status !== "succeeded" || !earlier.componentId)
      throw new AppError(
        "BAD_REQUEST",
        `deploymentId: only a succeeded apply can be deployed again (this is a ${earlier.status} ${earlier.action})`,
        { fields: { deploymentId: ["is not a succeeded apply"] } },
      );
    const componentId = earlier.componentId;
    const snapshot = earlier.snapshot as DeploymentSnapshot;
    const current = await resolveForDeployment(
      { ...t, componentId },
      { tx, deploymentId: t.deploymentId },
    );
    if (current.bundle.version !== snapshot.bundle.version)
      throw new AppError(
        "BAD_REQUEST",
        `deploymentId: it ran ${snapshot.bundle.name}@${snapshot.bundle.version} and the component is at ${current.bundle.version} now; set that version on the canvas first`,
      );
    const now = deploymentSnapshot(
      current.resolution,
      current.bundle,
      fingerprinter(t.organizationId),
    );
    const params = restoredParams(snapshot, now);
    // That one instance is all it reads of the diagram; the write reads around it too.
    const stored = (await readDiagramScoped(
      tx,
      t.projectId,
      null,
      () => ({ components: new Set([componentId]), links: new Set() }),
      [t.environmentId],
    ))!;
    const config = stored.diagram.instances[componentId]?.[t.environmentId];
    const ops = [
      {
        op: "setInstance" as const,
        component: componentId,
        environment: t.environmentId,
        config: { ...(config ?? { preset: null }), params },
      },
    ];
    const written = await writeDiagramOps(
      tx,
      t.projectId,
      stored.revision,
      ops,
      actingRole(ctx.actor),
      undefined,
      { around: true },
    );
    const { deployment, names } = await queueRun(
      tx,
      ctx,
      { ...t, componentId },
      { action: "apply", message: input.message, rollbackOfId: earlier.id },
    );
    return {
      result: deployment,
      known: [written.known],
      touched: written.touched,
      audit: {
        organizationId: t.organizationId,
        action: input.auditAction ?? "deployment.redeployed",
        target: {
          type: "deployment",
          id: deployment.id,
          projectId: t.projectId,
          environmentId: t.environmentId,
          componentId,
        },
        before: { params: now.params },
        after: {
          number: deployment.number,
          of: earlier.id,
          component: names.component,
          environment: names.environment,
          params: snapshot.params,
          message: input.message,
        },
      },
    };
  });
  await wakeRuns([result.id]);
  return result;
}
