// Reading runs for the Deployments view, the run page and the canvas: one run, its log lines
// after a sequence number, the newest run of each component, an environment's runs with
// filters. Every read first checks that the environment belongs to the project (the router
// already checked the caller's role there), so another tenant's ids read as "not found".
import { isTerminal } from "../domain/runs/status";
import { AppError } from "../domain/errors";
import * as repo from "../repositories/runs-read";
import {
  type LogLineDto,
  readStored,
  type RunDto,
  type RunListItem,
  type RunStatusDto,
  storedShapes,
} from "./read-schemas";

interface EnvironmentTarget {
  projectId: string;
  environmentId: string;
}

interface RunTarget extends EnvironmentTarget {
  deploymentId: string;
}

const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found in this project`);

async function assertEnvironment({ projectId, environmentId }: EnvironmentTarget) {
  if (!(await repo.environmentOfProject(projectId, environmentId))) throw notFound("Environment");
}

/** Newest first, narrowed by component, status and action. */
export async function listRuns(
  filter: EnvironmentTarget & Omit<repo.RunFilter, "id" | keyof EnvironmentTarget>,
  limit: number,
): Promise<RunListItem[]> {
  await assertEnvironment(filter);
  if (filter.componentId && !(await repo.componentOfProject(filter.projectId, filter.componentId)))
    throw notFound("Component");
  return repo.listRuns(filter, limit);
}

export async function getDeployment(t: RunTarget): Promise<RunDto> {
  await assertEnvironment(t);
  const [run] = await repo.listRuns({ ...t, id: t.deploymentId }, 1);
  const detail = await repo.runDetail(t.projectId, t.environmentId, t.deploymentId);
  if (!run || !detail) throw notFound("Deployment");
  return {
    ...run,
    inputs: readStored(storedShapes.inputs, detail.inputs ?? detail.snapshot),
    changes: readStored(storedShapes.changes, detail.changes),
    outputs: readStored(storedShapes.outputs, detail.outputs),
    planId: detail.planId,
    rollbackOfId: detail.rollbackOfId,
    abortRequested: detail.abortRequested,
  };
}

const STREAMS = new Set(["stdout", "stderr", "system"]);

/**
 * Lines after `afterSeq` (-1: from the start). `finished` once the run has ended and these are
 * its last lines. The status is read before the lines: a run that had ended then has written
 * them all. While it runs, lines stop at the first gap in the sequence, so a line committed
 * late is never skipped by a reader that already moved past its number.
 */
export async function readLogs(
  t: RunTarget & { afterSeq: number; limit: number },
): Promise<{ lines: LogLineDto[]; finished: boolean; status: RunDto["status"] }> {
  await assertEnvironment(t);
  const status = await repo.runStatus(t.projectId, t.environmentId, t.deploymentId);
  if (!status) throw notFound("Deployment");
  const rows = await repo.logLines(t.deploymentId, t.afterSeq, t.limit);
  const ended = isTerminal(status);
  const lines: LogLineDto[] = [];
  let last = t.afterSeq;
  for (const row of rows) {
    if (!ended && last >= 0 && row.seq !== last + 1) break;
    lines.push({
      seq: row.seq,
      at: row.at,
      stream: STREAMS.has(row.stream) ? (row.stream as LogLineDto["stream"]) : "stdout",
      text: row.text,
    });
    last = row.seq;
  }
  return { lines, finished: ended && rows.length < t.limit, status };
}

/** The newest run of each component in the environment, ordered by component id. */
export async function runStatuses(t: EnvironmentTarget): Promise<RunStatusDto[]> {
  await assertEnvironment(t);
  return repo.newestRunPerComponent(t.projectId, t.environmentId);
}
