// The order of a whole-environment deploy. A link runs from producer to consumer, so a
// producer must be applied before its consumers (they need its outputs) and destroyed after
// them (they still use it). Independent instances run side by side, at most N at a time;
// when one fails, everything downstream of it is skipped and the rest carries on.
import type { DiagramComponent, DiagramLink } from "../graph/types";
import { AppError } from "../errors";

export type Direction = "deploy" | "destroy";

type Node = Pick<DiagramComponent, "id" | "name">;

/** Who must finish before whom. Built once per environment run; every query below is pure. */
export interface DependencyGraph {
  /** Instance ids in the caller's order (ties in a wave keep this order). */
  ids: readonly string[];
  /** id → producers it consumes from (inside this graph). */
  producers: ReadonlyMap<string, ReadonlySet<string>>;
  /** id → consumers of its outputs (inside this graph). */
  consumers: ReadonlyMap<string, ReadonlySet<string>>;
}

/** A cycle, as names in link order, first name repeated at the end (`a → b → a`). */
function findCycle(graph: DependencyGraph, names: ReadonlyMap<string, string>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (id: string): string[] | null => {
    state.set(id, "open");
    stack.push(id);
    for (const next of graph.consumers.get(id) ?? []) {
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        return [...cycle, next].map((n) => names.get(n) ?? n);
      }
      if (!state.has(next)) {
        const found = visit(next);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(id, "done");
    return null;
  };
  for (const id of graph.ids) {
    if (state.has(id)) continue;
    const found = visit(id);
    if (found) return found;
  }
  return null;
}

/**
 * The dependency graph of `instances` under `links` (producer `from` → consumer `to`). Links
 * to anything outside `instances` (another project, an environment default) are not ordered
 * here. Throws a BAD_REQUEST AppError naming the cycle when there is one.
 */
export function dependencyGraph(
  instances: readonly Node[],
  links: readonly Pick<DiagramLink, "from" | "to">[],
): DependencyGraph {
  const ids = instances.map((i) => i.id);
  const known = new Set(ids);
  const producers = new Map(ids.map((id) => [id, new Set<string>()]));
  const consumers = new Map(ids.map((id) => [id, new Set<string>()]));
  for (const { from, to } of links) {
    if (!known.has(from) || !known.has(to)) continue;
    producers.get(to)!.add(from);
    consumers.get(from)!.add(to);
  }
  const graph = { ids, producers, consumers };
  const cycle = findCycle(graph, new Map(instances.map((i) => [i.id, i.name])));
  if (cycle)
    throw new AppError("BAD_REQUEST", `Links form a cycle: ${cycle.join(" → ")}`, {
      rule: "cycle",
      cycle,
    });
  return graph;
}

/** Whom `id` waits for in `direction`: its producers on deploy, its consumers on destroy. */
function waitsFor(graph: DependencyGraph, id: string, direction: Direction) {
  return (direction === "deploy" ? graph.producers : graph.consumers).get(id) ?? new Set();
}

/** Who waits for `id` in `direction`. */
function waitedOnBy(graph: DependencyGraph, id: string, direction: Direction) {
  return (direction === "deploy" ? graph.consumers : graph.producers).get(id) ?? new Set();
}

/**
 * The static plan shown before a run: waves in order, each wave's instances independent of
 * one another and at most `parallelism` long (a level wider than that is split, in order).
 */
export function waves(
  graph: DependencyGraph,
  direction: Direction,
  parallelism: number,
): string[][] {
  if (!Number.isInteger(parallelism) || parallelism < 1)
    throw new AppError("BAD_REQUEST", "Parallelism must be a whole number of at least 1");
  const level = new Map<string, number>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    let depth = 0;
    for (const before of waitsFor(graph, id, direction))
      depth = Math.max(depth, levelOf(before) + 1);
    level.set(id, depth);
    return depth;
  };
  const levels: string[][] = [];
  for (const id of graph.ids) {
    const depth = levelOf(id);
    levels[depth] = [...(levels[depth] ?? []), id];
  }
  return levels.flatMap((ids) => {
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += parallelism) chunks.push(ids.slice(i, i + parallelism));
    return chunks;
  });
}

/**
 * Everything that must not run because `failed` did not finish: on deploy its consumers (and
 * theirs), on destroy its producers (a consumer still standing still uses them). Transitive.
 */
export function skippedBy(
  graph: DependencyGraph,
  failed: Iterable<string>,
  direction: Direction,
): Set<string> {
  const skipped = new Set<string>();
  const queue = [...failed];
  while (queue.length > 0) {
    for (const next of waitedOnBy(graph, queue.shift()!, direction)) {
      if (skipped.has(next)) continue;
      skipped.add(next);
      queue.push(next);
    }
  }
  return skipped;
}

/** Where an environment run stands: what finished (either way) and what is running now. */
export interface Progress {
  succeeded: ReadonlySet<string>;
  failed: ReadonlySet<string>;
  running: ReadonlySet<string>;
}

/**
 * What to start now: instances not started yet whose every predecessor succeeded, not
 * downstream of a failure, up to `parallelism` running at once. Called after every finish,
 * so an instance starts as soon as its own predecessors are done, not when a whole wave is.
 */
export function readyToStart(
  graph: DependencyGraph,
  progress: Progress,
  direction: Direction,
  parallelism: number,
): string[] {
  const free = parallelism - progress.running.size;
  if (free <= 0) return [];
  const skipped = skippedBy(graph, progress.failed, direction);
  const started = (id: string) =>
    progress.succeeded.has(id) || progress.failed.has(id) || progress.running.has(id);
  return graph.ids
    .filter(
      (id) =>
        !started(id) &&
        !skipped.has(id) &&
        [...waitsFor(graph, id, direction)].every((before) => progress.succeeded.has(before)),
    )
    .slice(0, free);
}

/** True when nothing more will start: every instance finished, or is skipped, and none runs. */
export function isSettled(graph: DependencyGraph, progress: Progress, direction: Direction) {
  if (progress.running.size > 0) return false;
  const skipped = skippedBy(graph, progress.failed, direction);
  return graph.ids.every(
    (id) => progress.succeeded.has(id) || progress.failed.has(id) || skipped.has(id),
  );
}
