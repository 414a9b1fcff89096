// "Deploy what changed": a component is left alone when it runs, nothing was set on it since its
// last succeeded apply (a secret), and the inputs an apply would start with now equal those that
// apply ran with (see server/domain/deployments/unchanged.ts).
import { resolveForDeployment } from "../access/service";
import { fingerprinter } from "../crypto/fingerprint";
import type { Tx } from "../db";
import { servedLines } from "../domain/deployments/served";
import { sameInputs } from "../domain/deployments/unchanged";
import { lastAppliedRun, runningInstanceId, secretSetSince } from "../repositories/applied";
import type { DeploymentTarget } from "./service";
import { deploymentSnapshot } from "./snapshot";

export async function appliedUnchanged(tx: Tx, t: DeploymentTarget): Promise<boolean> {
  const instanceId = await runningInstanceId(tx, t.environmentId, t.componentId);
  if (!instanceId) return false;
  const applied = await lastAppliedRun(tx, instanceId);
  if (!applied?.inputs || (await secretSetSince(instanceId, applied.createdAt, tx))) return false;
  const resolved = await resolveForDeployment(t, { tx, deploymentId: applied.id });
  const { resolution, bundle, diagram, environment } = resolved;
  const snapshot = deploymentSnapshot(resolution, bundle, fingerprinter(t.organizationId));
  const served = servedLines(diagram, t.componentId, {
    project: resolution.metadata.project,
    projectId: t.projectId,
    environment: environment.slug,
    environmentId: t.environmentId,
  });
  return sameInputs({ id: applied.id, inputs: { ...snapshot, served } }, applied);
}
