// Drift checks and reconciles. A check is a run like the others (action `drift`): queued for
// every deployed instance of an environment (its newest finished apply or destroy is a
// succeeded apply), or for one; an instance whose run is still queued or running is skipped,
// so checks never pile up behind each other or behind an apply. A reconcile applies again the
// instance's newest succeeded apply, through the re-deploy path. The schedule per environment
// is set by ops and ticked by the runner (server/runner/drift-schedule.ts).
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { cronProblem } from "./cron-schedule";
import { AppError } from "../domain/errors";
import * as repo from "../repositories/deployments";
import { loadStructure } from "../repositories/diagram";
import * as drift from "../repositories/drift";
import { wakeRuns } from "../run-queue/dispatch";
import { z } from "zod";
import { driftItem, type EnvironmentDriftDto } from "./drift-schemas";
import { readStored } from "./read-schemas";
import { redeployDeployment } from "./redeploy";
import type { RequestedDeploymentDto } from "./schemas";
import { queueRun } from "./service";

interface EnvironmentTarget {
  organizationId: string;
  projectId: string;
  environmentId: string;
}

export interface DriftCheckResult {
  runs: RequestedDeploymentDto[];
  skipped: { componentId: string; component: string; reason: string }[];
}

/** Queues drift checks: of `componentId`, or of every deployed instance of the environment. */
export async function checkDrift(
  ctx: AuditContext & { userId: string | null },
  t: EnvironmentTarget & { componentId?: string },
  input: { message: string; scheduled?: boolean },
): Promise<DriftCheckResult> {
  const result = await auditedWrite(ctx, async (tx) => {
    if (!(await repo.lockEnvironmentForRequest(tx, t.projectId, t.environmentId)))
      throw new AppError("NOT_FOUND", "Environment not found in this project");
    const stored = await loadStructure(t.projectId, tx);
    const names = new Map(stored?.diagram.components.map((c) => [c.id, c.name]) ?? []);
    if (t.componentId && !names.has(t.componentId))
      throw new AppError("NOT_FOUND", "Component not found in this project");
    const deployed = await drift.deployedComponents(tx, t.environmentId, t.componentId ?? null);
    if (t.componentId && deployed.length === 0)
      throw new AppError(
        "BAD_REQUEST",
        `componentId: ${names.get(t.componentId)} is not deployed here (its newest apply has not succeeded, or it was destroyed): nothing to check`,
        { fields: { componentId: ["is not deployed in this environment"] } },
      );
    const out: DriftCheckResult = { runs: [], skipped: [] };
    for (const d of deployed) {
      const component = names.get(d.componentId) ?? d.componentId;
      if (d.active) {
        out.skipped.push({
          componentId: d.componentId,
          component,
          reason: "a run of it is queued or running",
        });
        continue;
      }
      const { deployment } = await queueRun(
        tx,
        ctx,
        { ...t, componentId: d.componentId },
        { action: "drift", message: input.message },
      );
      out.runs.push(deployment);
    }
    return {
      result: out,
      touched: [],
      audit: {
        organizationId: t.organizationId,
        action: "deployment.drift_check_requested",
        target: {
          type: "environment",
          id: t.environmentId,
          projectId: t.projectId,
          environmentId: t.environmentId,
          ...(t.componentId ? { componentId: t.componentId } : {}),
        },
        after: {
          scheduled: input.scheduled ?? false,
          runs: out.runs.map((r) => ({ number: r.number, component: r.component?.name ?? null })),
          skipped: out.skipped.map((s) => ({ component: s.component, reason: s.reason })),
          message: input.message,
        },
      },
    };
  });
  await wakeRuns(result.runs.map((r) => r.id));
  return result;
}

/** Applies again the instance's newest succeeded apply: what it left is what it brings back. */
export async function reconcile(
  ctx: AuditContext & { userId: string | null },
  t: EnvironmentTarget & { componentId: string },
  input: { message: string },
): Promise<RequestedDeploymentDto> {
  const deploymentId = await drift.lastSucceededApply(t.environmentId, t.componentId);
  if (!deploymentId)
    throw new AppError(
      "BAD_REQUEST",
      "componentId: has no succeeded apply in this environment to reconcile to",
      { fields: { componentId: ["has no succeeded apply here"] } },
    );
  return redeployDeployment(
    ctx,
    { ...t, deploymentId },
    { message: input.message || "Reconcile drift", auditAction: "deployment.reconciled" },
  );
}

/** Sets (or clears, with null) the environment's drift schedule: a 5-field cron in UTC. */
export async function setDriftSchedule(
  ctx: AuditContext,
  t: EnvironmentTarget,
  input: { cron: string | null },
): Promise<{ driftSchedule: string | null }> {
  const cron = input.cron?.trim() || null;
  const problem = cron ? cronProblem(cron) : null;
  if (problem)
    throw new AppError("BAD_REQUEST", `cron: ${problem}`, { fields: { cron: [problem] } });
  return auditedWrite(ctx, async (tx) => {
    if (!(await repo.environmentInProject(t.projectId, t.environmentId, tx)))
      throw new AppError("NOT_FOUND", "Environment not found in this project");
    const { before } = await drift.setDriftSchedule(tx, t.environmentId, cron);
    return {
      result: { driftSchedule: cron },
      touched: [],
      audit: {
        organizationId: t.organizationId,
        action: "environment.drift_schedule_set",
        target: {
          type: "environment",
          id: t.environmentId,
          projectId: t.projectId,
          environmentId: t.environmentId,
        },
        before: { driftSchedule: before },
        after: { driftSchedule: cron },
      },
    };
  });
}

/** An environment's drift schedule and its instances' findings (items as stored, masked). */
export async function environmentDrift(t: {
  projectId: string;
  environmentId: string;
}): Promise<EnvironmentDriftDto> {
  const schedule = await drift.driftSchedule(t.projectId, t.environmentId);
  if (!schedule) throw new AppError("NOT_FOUND", "Environment not found in this project");
  const rows = await drift.driftOfEnvironment(t.projectId, t.environmentId);
  return {
    schedule: schedule.driftSchedule,
    lastTickAt: schedule.driftTickAt,
    findings: rows.map((r) => ({
      componentId: r.componentId,
      status: r.status,
      items: readStored(z.array(driftItem), r.items) ?? [],
      checkedAt: r.checkedAt,
      since: r.since,
      deploymentId: r.deploymentId,
    })),
  };
}
