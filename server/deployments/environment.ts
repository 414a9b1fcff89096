// Runs of a whole environment, and aborting one run. A whole-environment request queues one
// run per component in one transaction (any blocked component refuses the lot, naming it)
// under a batch that records who waits for whom: producers before consumers on apply, the
// reverse on destroy, nobody on plan. The runner starts each run when what it waits for has
// succeeded and aborts what a failure stops. An apply with `onlyChanged` leaves out components
// an apply would not change (see unchanged.ts); a queued run then waits for the queued producers
// it reaches through them. When nothing changed, nothing is written and `unchanged` says so.
import { auditedWrite, type Change } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { assertDestroyable } from "../domain/deployments/destroy";
import { AppError } from "../domain/errors";
import { dependencyGraph } from "../domain/runs/order";
import { loadStructure } from "../repositories/diagram";
import * as repo from "../repositories/deployments";
import { createBatch, setBatchWaits } from "../repositories/run-batches";
import { deployedComponentIds, findRun, finishRun, requestAbort } from "../repositories/runs";
import { wakeRuns } from "../run-queue/dispatch";
import { queueRun, type RunAction } from "./service";
import type { RequestedDeploymentDto } from "./schemas";
import { appliedUnchanged } from "./unchanged";

interface EnvironmentTarget {
  organizationId: string;
  projectId: string;
  environmentId: string;
}

const PARALLELISM = 4;

interface Requested {
  batchId: string | null;
  runs: RequestedDeploymentDto[];
  waits: Record<string, string[]>;
  unchanged: string[];
}

export async function deployEnvironment(
  ctx: AuditContext & { userId: string | null },
  t: EnvironmentTarget,
  input: { action: RunAction; message: string; confirm?: string; onlyChanged?: boolean },
): Promise<{ batchId: string | null; runs: RequestedDeploymentDto[]; unchanged: string[] }> {
  const result = await auditedWrite<Requested>(ctx, async (tx) => {
    const environment = await repo.lockEnvironmentForRequest(tx, t.projectId, t.environmentId);
    if (!environment) throw new AppError("NOT_FOUND", "Environment not found in this project");
    const stored = await loadStructure(t.projectId, tx);
    if (!stored) throw new AppError("NOT_FOUND", "Project not found");
    const guard = await repo.environmentGuard(tx, t.environmentId);
    const { links } = stored.diagram;
    // A destroy removes what is deployed; components never deployed here have nothing to remove.
    const deployed =
      input.action === "destroy" ? await deployedComponentIds(tx, t.environmentId) : null;
    const all = stored.diagram.components.filter((c) => !deployed || deployed.has(c.id));
    if (all.length === 0)
      throw new AppError(
        "BAD_REQUEST",
        deployed ? `Nothing is deployed in ${guard.slug}` : `${guard.slug} has no components`,
      );
    if (input.action === "destroy")
      assertDestroyable({
        environment: guard,
        component: null,
        consumers: [],
        confirm: input.confirm,
      });
    const graph = dependencyGraph(all, links);
    const unchanged = new Set<string>();
    if (input.onlyChanged && input.action === "apply")
      for (const c of all)
        if (await appliedUnchanged(tx, { ...t, componentId: c.id })) unchanged.add(c.id);
    const components = all.filter((c) => !unchanged.has(c.id));
    const unchangedNames = all.filter((c) => unchanged.has(c.id)).map((c) => c.name);
    if (components.length === 0) return nothingChanged(t, guard.slug, unchangedNames);
    const batchId = await createBatch(tx, {
      environmentId: t.environmentId,
      action: input.action,
      createdById: ctx.userId,
      parallelism: PARALLELISM,
    });
    const runs: RequestedDeploymentDto[] = [];
    const runOf = new Map<string, string>();
    for (const component of components) {
      const queued = await queueRun(
        tx,
        ctx,
        { ...t, componentId: component.id },
        {
          action: input.action,
          message: input.message,
          batchId,
          // Producers are applied first in this very batch.
          lifted: (b) => b.rule === "upstream-not-deployed",
        },
      ).catch((error: unknown) => {
        if (error instanceof AppError)
          throw new AppError(error.code, `${component.name}: ${error.message}`, error.details);
        throw error;
      });
      runs.push(queued.deployment);
      runOf.set(component.id, queued.deployment.id);
    }
    const before = input.action === "apply" ? graph.producers : graph.consumers;
    const waits =
      input.action === "plan"
        ? {}
        : Object.fromEntries(
            components.map((c) => [
              runOf.get(c.id)!,
              queuedAncestors(c.id, before, unchanged).map((id) => runOf.get(id)!),
            ]),
          );
    await setBatchWaits(tx, batchId, waits);
    return {
      result: { batchId, runs, waits, unchanged: unchangedNames },
      audit: {
        organizationId: t.organizationId,
        action: "deployment.environment-requested",
        target: {
          type: "deployment-batch",
          id: batchId,
          projectId: t.projectId,
          environmentId: t.environmentId,
        },
        after: {
          action: input.action,
          environment: guard.slug,
          message: input.message,
          runs: runs.map((r) => ({ id: r.id, number: r.number, component: r.component?.name })),
          ...(unchanged.size > 0 ? { unchanged: unchangedNames } : {}),
        },
      },
    };
  });
  // Only those that wait for nobody start now; the runner wakes the rest as they become ready.
  await wakeRuns(
    result.runs.filter((r) => (result.waits[r.id] ?? []).length === 0).map((r) => r.id),
  );
  return { batchId: result.batchId, runs: result.runs, unchanged: result.unchanged };
}

/** What a run waits for: the nearest queued producers, looking through those left out. */
function queuedAncestors(
  id: string,
  before: ReadonlyMap<string, ReadonlySet<string>>,
  skipped: ReadonlySet<string>,
): string[] {
  const found = new Set<string>();
  const seen = new Set<string>();
  const visit = (from: string) => {
    for (const up of before.get(from) ?? []) {
      if (seen.has(up)) continue;
      seen.add(up);
      if (skipped.has(up)) visit(up);
      else found.add(up);
    }
  };
  visit(id);
  return [...found];
}

/** An apply of what changed when nothing did: no batch, one audit event saying so. */
function nothingChanged(
  t: EnvironmentTarget,
  slug: string,
  unchanged: string[],
): Change<Requested> {
  return {
    result: { batchId: null, runs: [], waits: {}, unchanged },
    touched: [],
    audit: {
      organizationId: t.organizationId,
      action: "deployment.environment-unchanged",
      target: {
        type: "environment",
        id: t.environmentId,
        projectId: t.projectId,
        environmentId: t.environmentId,
      },
      after: { environment: slug, unchanged },
    },
  };
}

/**
 * Aborts a run: a queued one at once; a running one is asked to stop (its worker hears it at
 * the next heartbeat and the provisioner stops at a safe point), ending `aborted`.
 */
export async function abortDeployment(
  ctx: AuditContext,
  t: EnvironmentTarget & { deploymentId: string },
): Promise<{ id: string; status: string }> {
  return auditedWrite(ctx, async (tx) => {
    const run = await findRun(t.deploymentId, tx);
    if (!run || run.projectId !== t.projectId || run.environmentId !== t.environmentId)
      throw new AppError("NOT_FOUND", "Deployment not found in this environment");
    if (run.status !== "queued" && run.status !== "running")
      throw new AppError("CONFLICT", `The ${run.action} has already ended (${run.status})`, {
        rule: "terminal",
      });
    let status: string = run.status;
    if (run.status === "queued") {
      await finishRun(tx, run.id, ["queued"], {
        status: "aborted",
        reason: "aborted before it started",
      });
      if (run.action === "apply" && run.instanceId)
        await repo.setInstanceStatus(
          tx,
          run.instanceId,
          await repo.settledInstanceStatus(tx, run.instanceId),
        );
      status = "aborted";
    } else await requestAbort(tx, run.id);
    return {
      result: { id: run.id, status },
      touched: [],
      audit: {
        organizationId: t.organizationId,
        action: "deployment.abort-requested",
        target: {
          type: "deployment",
          id: run.id,
          projectId: t.projectId,
          environmentId: t.environmentId,
          ...(run.componentId ? { componentId: run.componentId } : {}),
        },
        before: { status: run.status },
        after: { status },
      },
    };
  });
}
