// Requesting a run of one instance, and listing them. A request resolves the instance on the
// server, inside the transaction that records it: while anything blocks it (see
// server/domain/deployments/blockers.ts and destroy.ts) it is refused and nothing is written;
// while the instance has a queued or running run it is refused too (the database holds one
// per instance). Otherwise an immutable record is queued with a frozen snapshot (sensitive
// values as fingerprints) and one audit event, and a worker is woken after the commit.
// Authorization is the router's job.
import { randomBytes } from "node:crypto";
import { resolveForDeployment } from "../access/service";
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { Tx } from "../db";
import { assertRequestable, type DeploymentBlocker } from "../domain/deployments/blockers";
import { assertDestroyable } from "../domain/deployments/destroy";
import { AppError } from "../domain/errors";
import { assertNotBorrowed } from "../domain/references/rules";
import { borrowersOf } from "../repositories/publications";
import * as repo from "../repositories/deployments";
import { activeRunOf, destroyGuard, findPlan, finishRun } from "../repositories/runs";
import { listRuns } from "../repositories/runs-read";
import { findBundleDefinition, findSecretTarget } from "../repositories/secrets";
import { wakeRuns } from "../run-queue/dispatch";
import { ensureShownInstance } from "../secrets/service";
import { fingerprinter } from "../crypto/fingerprint";
import type { RequestedDeploymentDto } from "./schemas";
import { deploymentSnapshot } from "./snapshot";

export interface DeploymentTarget {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

export type RunAction = "plan" | "apply" | "destroy" | "drift";

const notFound = () =>
  new AppError("NOT_FOUND", "Component or environment not found in this project");

/** Fresh per request, and known before the resolution: the metadata bag carries it. */
function newDeploymentId(): string {
  return `d${randomBytes(12).toString("base64url")}`;
}

export interface QueueInput {
  action: RunAction;
  message: string;
  confirm?: string;
  /** An apply of this reviewed plan: it fails if the changes are no longer the plan's. */
  planId?: string;
  /** A re-deploy of this earlier apply's params. */
  rollbackOfId?: string;
  batchId?: string;
  /** Blockers a batch lifts (an upstream applied earlier in the same batch). */
  lifted?: (blocker: DeploymentBlocker) => boolean;
}

/** Queues one run inside `tx`: refused (nothing written) while anything blocks it. */
export async function queueRun(
  tx: Tx,
  ctx: { userId: string | null },
  t: DeploymentTarget,
  input: QueueInput,
) {
  const target = await findSecretTarget(t.projectId, t.componentId, t.environmentId, tx);
  if (!target) throw notFound();
  const catalogBundle = await findBundleDefinition(
    t.organizationId,
    target.component.bundleName,
    target.component.version,
    tx,
  );
  // The row the canvas shows for a component never edited here; rolled back if refused.
  const instanceId = await ensureShownInstance(tx, t, catalogBundle, target.environment);
  await repo.lockInstanceSecrets(tx, instanceId);

  const id = newDeploymentId();
  const { resolution, bundle, component, environment } = await resolveForDeployment(t, {
    tx,
    deploymentId: id,
  });
  if (input.action === "destroy") {
    const guard = await destroyGuard(tx, t.projectId, t.environmentId, t.componentId);
    const { projectId, componentId, environmentId } = t;
    assertNotBorrowed(
      `destroying ${component.name}`,
      await borrowersOf({ projectId, componentId, environmentId }, tx),
    );
    if (!input.batchId)
      assertDestroyable({
        environment: { slug: environment.slug, protected: guard.protected },
        component: component.name,
        consumers: guard.consumers,
        confirm: input.confirm,
      });
  } else {
    assertRequestable({
      action: input.action === "apply" ? "apply" : "plan",
      environment: environment.slug,
      resolution,
      ...(input.lifted ? { lifted: input.lifted } : {}),
    });
  }
  if (input.planId) await assertReviewedPlan(tx, input, instanceId);
  // What blocks the request itself is said first; a run holding the instance, after.
  const active = await activeRunOf(tx, instanceId);
  if (active && !(await supersededDriftCheck(tx, active, input.action)))
    throw new AppError(
      "CONFLICT",
      `${target.component.name} already has a ${active.status} ${active.action} in ${target.environment.slug}: wait for it or abort it`,
      { rule: "active-run", deploymentId: active.id },
    );
  await repo.insertDeployment(tx, {
    id,
    instanceId,
    environmentId: t.environmentId,
    action: input.action,
    snapshot: deploymentSnapshot(resolution, bundle, fingerprinter(t.organizationId)),
    bundleVersion: bundle.version,
    message: input.message,
    createdById: ctx.userId,
    batchId: input.batchId ?? null,
    planId: input.planId ?? null,
    rollbackOfId: input.rollbackOfId ?? null,
  });
  // An apply changes what runs, so the instance now waits for it; a plan changes nothing.
  const before = await repo.instanceStatus(tx, instanceId);
  const status =
    input.action === "apply" && before !== "pending" ? { before, after: "pending" as const } : null;
  if (status) await repo.setInstanceStatus(tx, instanceId, status.after);
  const [deployment] = await listRuns(
    { projectId: t.projectId, environmentId: t.environmentId, id },
    1,
    tx,
  );
  if (!deployment) throw new Error("the deployment just written could not be read back");
  return {
    deployment: { ...deployment, instanceStatus: status?.after ?? before },
    status,
    names: { component: component.name, environment: environment.slug, bundle },
  };
}

/**
 * A queued drift check gives way to a person's request (the schedule queues checks on its own
 * and would otherwise refuse a deploy at the top of the hour); it ends `aborted` with why.
 * A running check is short and is waited for like any run.
 */
async function supersededDriftCheck(
  tx: Tx,
  active: { id: string; action: RunAction; status: string },
  action: RunAction,
): Promise<boolean> {
  if (active.action !== "drift" || active.status !== "queued" || action === "drift") return false;
  return finishRun(tx, active.id, ["queued"], {
    status: "aborted",
    reason: `gave way to a ${action} requested before it started`,
  });
}

async function assertReviewedPlan(tx: Tx, input: QueueInput, instanceId: string) {
  const plan = await findPlan(input.planId!, tx);
  const refuse = (why: string) =>
    new AppError("BAD_REQUEST", `planId: ${why}`, { fields: { planId: [why] } });
  if (input.action !== "apply") throw refuse("only an apply applies a plan");
  if (!plan || plan.instanceId !== instanceId || plan.action !== "plan")
    throw refuse("is not a plan of this component in this environment");
  if (plan.status !== "planned") throw refuse(`the plan has not finished (${plan.status})`);
}

export async function requestDeployment(
  ctx: AuditContext & { userId: string | null },
  t: DeploymentTarget,
  input: { action: RunAction; message: string; confirm?: string; planId?: string },
): Promise<RequestedDeploymentDto> {
  const result = await auditedWrite(ctx, async (tx) => {
    // Serializes requests per environment, so numbers follow commit order.
    if (!(await repo.lockEnvironmentForRequest(tx, t.projectId, t.environmentId))) throw notFound();
    const { deployment, status, names } = await queueRun(tx, ctx, t, input);
    return {
      result: deployment,
      audit: {
        organizationId: t.organizationId,
        action: "deployment.requested",
        target: {
          type: "deployment",
          id: deployment.id,
          projectId: t.projectId,
          environmentId: t.environmentId,
          componentId: t.componentId,
        },
        ...(status ? { before: { instanceStatus: status.before } } : {}),
        after: {
          number: deployment.number,
          action: input.action,
          status: deployment.status,
          component: names.component,
          environment: names.environment,
          bundle: `${names.bundle.name}@${names.bundle.version}`,
          message: input.message,
          ...(status ? { instanceStatus: status.after } : {}),
        },
      },
    };
  });
  await wakeRuns([result.id]);
  return result;
}
