// A whole-environment deployment moves on each time one of its runs ends: runs downstream of
// a failure are aborted with the reason (never started), and the runs whose every predecessor
// succeeded are handed back to be woken, at most the batch's parallelism at once. The order
// rules are the pure ones in server/domain/runs/order.ts over the batch's recorded waits.
import { type DependencyGraph, readyToStart, skippedBy } from "../domain/runs/order";
import { type BatchState, batchState } from "../repositories/run-batches";
import { endRun } from "./actor";

function graphOf(state: BatchState): DependencyGraph {
  const ids = state.runs.map((r) => r.id);
  const producers = new Map(ids.map((id) => [id, new Set(state.waits[id] ?? [])]));
  const consumers = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const [id, before] of producers) for (const b of before) consumers.get(b)?.add(id);
  return { ids, producers, consumers };
}

/** Aborts what a failure stops; returns the queued runs of the batch that may start now. */
export async function continueBatch(batchId: string): Promise<string[]> {
  const state = await batchState(batchId);
  if (!state) return [];
  const graph = graphOf(state);
  const ids = (statuses: string[]) =>
    new Set(state.runs.filter((r) => statuses.includes(r.status)).map((r) => r.id));
  const failed = ids(["failed", "aborted"]);
  const name = (id: string) => state.runs.find((r) => r.id === id)?.componentName ?? id;
  for (const id of skippedBy(graph, failed, "deploy")) {
    const run = state.runs.find((r) => r.id === id);
    if (run?.status !== "queued") continue;
    const because = [...(state.waits[id] ?? [])].filter((w) => !ids(["succeeded"]).has(w));
    await endRun(
      id,
      "queued",
      "aborted",
      `skipped: ${because.map(name).join(", ")} did not succeed`,
    );
  }
  const progress = {
    succeeded: ids(["succeeded", "planned"]),
    failed,
    running: ids(["running"]),
  };
  const queued = ids(["queued"]);
  return readyToStart(graph, progress, "deploy", state.parallelism).filter((id) => queued.has(id));
}
