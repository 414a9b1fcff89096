// One run, start to end, on one worker: claim it (a conditional UPDATE, so exactly one worker
// does), resolve its inputs, drive the provisioner while its log is written line by line and
// its heartbeat says the worker lives (and hears an abort), then record the outcome — status,
// outputs, the instance's status — with its audit event in one transaction. The runner acts
// as a system actor naming the deployment.
import { auditedWrite } from "../changes/audited-write";
import { prisma } from "../db";
import { AppError } from "../domain/errors";
import { log } from "../log";
import { deleteInstanceOutputs } from "../repositories/access";
import { clearDrift } from "../repositories/drift";
import { setInstanceStatus as setRunInstanceStatus } from "../repositories/deployments";
import { beat, claimRun, findRun, finishRun, type RunRow } from "../repositories/runs";
import { type ProvisionerFor, provisionerFor as defaultProvisioners } from "../provisioners";
import type { DriftItem, ResourceChange } from "../provisioners/types";
import { runnerActor, runTarget } from "./actor";
import { continueBatch } from "./batch";
import { type Detection, recordDrift } from "./drift";
import { RunLog } from "./logs";
import { checkOutputs, type MaskedOutputs, previousOutputs, storeOutputs } from "./outputs";
import { type StartedRun, startedRun } from "./request";
import { reviewedPlanRequest, sealPlan } from "./reviewed-plan";
import { type RunnerState, runnerState } from "./state";

const HEARTBEAT_MS = 2_000;

interface Outcome {
  status: "planned" | "succeeded" | "failed" | "aborted";
  reason?: string;
  changes?: ResourceChange[];
  outputs?: MaskedOutputs;
  /** A plan's saved file, sealed. */
  savedPlan?: string;
  /** A drift run's finding: what differs (empty: clean). */
  drift?: DriftItem[];
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Records the end of a run with its audit event; false when it had already ended. */
async function finish(run: RunRow, started: StartedRun | null, outcome: Outcome, work: Work) {
  return auditedWrite(runnerActor(run.id), async (tx) => {
    let outputs = outcome.outputs;
    if (outcome.status === "succeeded" && started && run.instanceId) {
      if (run.action === "apply" && work.produced)
        outputs = await storeOutputs(
          tx,
          {
            organizationId: run.organizationId,
            environmentId: run.environmentId,
            instanceId: run.instanceId,
            componentId: started.component.id,
            componentName: started.component.name,
          },
          work.produced,
          started.request.artifactTypes,
        );
      if (run.action === "destroy") {
        await deleteInstanceOutputs(tx, run.instanceId);
        await clearDrift(tx, run.instanceId);
      }
    }
    const ended = await finishRun(tx, run.id, ["running"], {
      status: outcome.status,
      reason: outcome.reason ?? null,
      inputs: started?.inputs,
      changes: outcome.changes,
      outputs,
      savedPlan: outcome.savedPlan,
    });
    if (!ended) throw new AppError("CONFLICT", "the run had already ended");
    const instanceStatus = instanceStatusAfter(run.action, outcome.status);
    if (instanceStatus && run.instanceId)
      await setRunInstanceStatus(tx, run.instanceId, instanceStatus);
    let detection: Detection | null = null;
    if (run.action === "drift" && outcome.status !== "aborted" && outcome.status !== "planned")
      detection = await recordDrift(tx, run, outcome.status, outcome.drift);
    const after = {
      action: run.action,
      status: outcome.status,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
      ...(outcome.changes ? { changes: outcome.changes.length } : {}),
      ...(outcome.drift ? { drift: outcome.drift.length } : {}),
      ...(instanceStatus ? { instanceStatus } : {}),
    };
    return {
      result: true,
      touched: [],
      audit: {
        organizationId: run.organizationId,
        // A drift run that changes the finding is recorded as the detection it is.
        action: detection?.action ?? `deployment.${outcome.status}`,
        target: runTarget(run),
        ...(detection
          ? { before: detection.before, after: { ...detection.after, run: after } }
          : { after }),
      },
    };
  }).catch((error) => {
    if (error instanceof AppError && error.code === "CONFLICT") return false;
    throw error;
  });
}

function instanceStatusAfter(action: RunRow["action"], status: Outcome["status"]) {
  // Plans and drift checks change nothing that runs: the instance stays as it was.
  if (action === "plan" || action === "drift") return null;
  if (status === "succeeded") return action === "apply" ? "running" : "decommissioned";
  return status === "failed" ? "failed" : null;
}

interface Work {
  produced?: Awaited<ReturnType<ReturnType<ProvisionerFor>["apply"]>>;
}

/** Audits the start (the instance is provisioning while an apply or destroy runs). */
async function markStarted(run: RunRow, workerId: string) {
  await auditedWrite(runnerActor(run.id), async (tx) => {
    if ((run.action === "apply" || run.action === "destroy") && run.instanceId)
      await setRunInstanceStatus(tx, run.instanceId, "provisioning");
    return {
      result: null,
      touched: [],
      audit: {
        organizationId: run.organizationId,
        action: "deployment.started",
        target: runTarget(run),
        after: { action: run.action, status: "running", worker: workerId },
      },
    };
  });
}

async function drive(
  run: RunRow,
  started: StartedRun,
  runLog: RunLog,
  signal: AbortSignal,
  provisioners: ProvisionerFor,
  work: Work,
  state: RunnerState,
): Promise<Outcome> {
  const provisioner = provisioners(started.provisioner, started.request.bundle, state);
  const request = {
    ...started.request,
    signal,
    previous: await previousOutputs(prisma(), run.environmentId, started.component.id),
  };
  runLog.system(
    `${run.action} of ${started.component.name} in ${started.environment.slug} (${started.provisioner} provisioner)`,
  );
  if (run.action === "plan") {
    const { changes, savedPlan } = await provisioner.plan(request, runLog.sink);
    runLog.system(`plan: ${changes.length} change(s)`);
    return { status: "planned", changes, ...(savedPlan ? { savedPlan: sealPlan(savedPlan) } : {}) };
  }
  if (run.action === "drift") {
    if (!provisioner.drift)
      throw new AppError(
        "PRECONDITION_FAILED",
        `the ${started.provisioner} provisioner of ${started.request.bundle} cannot check drift`,
      );
    const items = await provisioner.drift(request, runLog.sink);
    for (const i of items)
      runLog.system(`drifted: ${i.resource} ${i.attribute}: ${i.expected} → ${i.actual}`);
    runLog.system(items.length === 0 ? "no drift" : `drift: ${items.length} difference(s)`);
    return { status: "succeeded", drift: items };
  }
  if (run.action === "destroy") {
    await provisioner.destroy(request, runLog.sink);
    runLog.system("destroyed");
    return { status: "succeeded" };
  }
  const applied = run.planId
    ? await reviewedPlanRequest(run.planId, started, request, provisioner, runLog)
    : request;
  const produced = await provisioner.apply(applied, runLog.sink);
  checkOutputs(produced, request.artifactTypes);
  work.produced = produced;
  runLog.system(`applied: outputs ${Object.keys(produced.artifacts).join(", ") || "none"}`);
  return { status: "succeeded" };
}

export interface ExecuteOptions {
  provisioners?: ProvisionerFor;
  /** The state backend's access (server/state by default). */
  state?: RunnerState;
  /** Called when a run ends, with the ids of runs it made ready (a batch's next ones). */
  onReady?: (ids: string[]) => void;
}

/** Runs `id` on `workerId` if it is still queued; returns its final status, or null if taken. */
export async function executeRun(
  id: string,
  workerId: string,
  options: ExecuteOptions = {},
): Promise<Outcome["status"] | null> {
  if (!(await claimRun(id, workerId))) return null;
  const run = await findRun(id);
  if (!run) return null;
  const runLog = await RunLog.open(id);
  const controller = new AbortController();
  const heartbeat = setInterval(() => {
    beat(id, workerId)
      .then(({ abortRequested }) => {
        if (abortRequested && !controller.signal.aborted) controller.abort();
      })
      .catch((error) => log.warn({ err: message(error), run: id }, "heartbeat failed"));
  }, HEARTBEAT_MS);
  let started: StartedRun | null = null;
  const work: Work = {};
  let outcome: Outcome;
  try {
    await markStarted(run, workerId);
    const state = options.state ?? runnerState;
    started = await startedRun(prisma(), run, state);
    outcome = await drive(
      run,
      started,
      runLog,
      controller.signal,
      options.provisioners ?? defaultProvisioners,
      work,
      state,
    );
  } catch (error) {
    const aborted = controller.signal.aborted;
    outcome = aborted
      ? { status: "aborted", reason: "aborted on request" }
      : { status: "failed", reason: message(error) };
    runLog.system(`${outcome.status}: ${outcome.reason}`);
  } finally {
    clearInterval(heartbeat);
  }
  await runLog.flush();
  await finish(run, started, outcome, work);
  if (run.batchId) options.onReady?.(await continueBatch(run.batchId));
  return outcome.status;
}
