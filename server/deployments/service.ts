// Requesting a deployment of one instance, and listing them. A request resolves the instance
// on the server, inside the transaction that records it: while anything blocks it (see
// server/domain/deployments/blockers.ts) it is refused and nothing is written; otherwise an
// immutable record is queued with a frozen snapshot (sensitive values as fingerprints) and
// one audit event. Nothing runs it yet: a deployment runner (workers, provisioners, logs) is
// a later piece of work, and until then requests stay `queued`. Authorization is the
// router's job.
import { randomBytes } from "node:crypto";
import { resolveForDeployment } from "../access/service";
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { assertRequestable, type RequestableAction } from "../domain/deployments/blockers";
import { AppError } from "../domain/errors";
import * as repo from "../repositories/deployments";
import { findBundleDefinition, findSecretTarget } from "../repositories/secrets";
import { ensureShownInstance } from "../secrets/service";
import { fingerprinter } from "../crypto/fingerprint";
import type { DeploymentDto, RequestedDeploymentDto } from "./schemas";
import { deploymentSnapshot } from "./snapshot";

export interface DeploymentTarget {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

const notFound = () =>
  new AppError("NOT_FOUND", "Component or environment not found in this project");

/** Fresh per request, and known before the resolution: the metadata bag carries it. */
function newDeploymentId(): string {
  return `d${randomBytes(12).toString("base64url")}`;
}

export async function requestDeployment(
  ctx: AuditContext & { userId: string | null },
  t: DeploymentTarget,
  input: { action: RequestableAction; message: string },
): Promise<RequestedDeploymentDto> {
  return auditedWrite(ctx, async (tx) => {
    // Serializes requests per environment, so numbers follow commit order.
    if (!(await repo.lockEnvironmentForRequest(tx, t.projectId, t.environmentId))) throw notFound();
    const target = await findSecretTarget(t.projectId, t.componentId, t.environmentId, tx);
    if (!target) throw notFound();
    const catalogBundle = await findBundleDefinition(
      t.organizationId,
      target.component.bundleName,
      target.component.version,
      tx,
    );
    // The row the canvas shows for a component never edited in this environment; rolled back if
    // refused.
    const instanceId = await ensureShownInstance(tx, t, catalogBundle, target.environment);
    await repo.lockInstanceSecrets(tx, instanceId);

    const id = newDeploymentId();
    const { resolution, bundle, component, environment } = await resolveForDeployment(t, {
      tx,
      deploymentId: id,
    });
    assertRequestable({ action: input.action, environment: environment.slug, resolution });

    await repo.insertDeployment(tx, {
      id,
      instanceId,
      environmentId: t.environmentId,
      action: input.action,
      snapshot: deploymentSnapshot(resolution, bundle, fingerprinter(t.organizationId)),
      bundleVersion: bundle.version,
      message: input.message,
      createdById: ctx.userId,
    });
    // An apply changes what runs, so the instance now waits for it; a plan changes nothing.
    const before = await repo.instanceStatus(tx, instanceId);
    const status =
      input.action === "apply" && before !== "pending"
        ? { before, after: "pending" as const }
        : null;
    if (status) await repo.setInstanceStatus(tx, instanceId, status.after);
    const [deployment] = await repo.listDeployments(
      { projectId: t.projectId, environmentId: t.environmentId, id },
      1,
      tx,
    );
    if (!deployment) throw new Error("the deployment just written could not be read back");
    return {
      result: { ...deployment, instanceStatus: status?.after ?? before },
      audit: {
        organizationId: t.organizationId,
        action: "deployment.requested",
        target: {
          type: "deployment",
          id,
          projectId: t.projectId,
          environmentId: t.environmentId,
          componentId: t.componentId,
        },
        ...(status ? { before: { instanceStatus: status.before } } : {}),
        after: {
          number: deployment.number,
          action: input.action,
          status: deployment.status,
          component: component.name,
          environment: environment.slug,
          bundle: `${bundle.name}@${bundle.version}`,
          message: input.message,
          ...(status ? { instanceStatus: status.after } : {}),
        },
      },
    };
  });
}

/** Newest first: an instance's deployments (componentId given) or an environment's. */
export async function listDeployments(
  t: Omit<DeploymentTarget, "componentId" | "organizationId"> & { componentId?: string },
  limit: number,
): Promise<DeploymentDto[]> {
  if (!(await repo.environmentInProject(t.projectId, t.environmentId))) throw notFound();
  if (t.componentId && !(await findSecretTarget(t.projectId, t.componentId, t.environmentId)))
    throw notFound();
  return repo.listDeployments(t, limit);
}
