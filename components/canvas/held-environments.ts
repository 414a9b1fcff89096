// The environments whose instances a canvas holds. The canvas reads the configuration of the
// environments it shows (diagram.get with `environments`), not of all twelve; components and
// lines are always whole. When it starts holding more (a switch, or a deletion that undo must be
// able to bring back in every environment), everything it kept from before (pending edits'
// diagrams, conflicts, undo history) is filled in from the newly read diagram, so merges
// compare like with like and nothing reads an environment it never had as "no configuration".
import type { Op } from "@/server/domain/graph/ops";
import type { Diagram, InstanceConfig } from "@/server/domain/graph/types";

/** Environment ids whose instances are held; undefined: every environment's. */
export type Held = readonly string[] | undefined;

/** Whether `held` includes every environment of `wanted`. */
export function covers(held: Held, wanted: Held): boolean {
  if (held === undefined) return true;
  return wanted?.every((e) => held.includes(e)) ?? false;
}

/** `held` grown by `more` ("all": every environment). */
export function grown(held: Held, more: readonly string[] | "all"): Held {
  if (held === undefined || more === "all") return undefined;
  return [...new Set([...held, ...more])];
}

/** `configs` without the environments in `held` (all of them when `held` is undefined). */
function outside(configs: Record<string, InstanceConfig> | undefined, held: Held) {
  if (!configs || held === undefined) return {};
  return Object.fromEntries(Object.entries(configs).filter(([e]) => !held.includes(e)));
}

/**
 * `d` (made holding `held`) with the instances of the other environments taken from `from`, a
 * diagram read holding more, for every component `from` has. Held environments stay as in `d`:
 * they may carry edits `from` does not have yet.
 */
export function widenDiagram(d: Diagram, from: Diagram, held: Held): Diagram {
  if (held === undefined) return d;
  const instances = { ...d.instances };
  for (const id of Object.keys(instances)) {
    const more = outside(from.instances[id], held);
    if (Object.keys(more).length > 0) instances[id] = { ...instances[id], ...more };
  }
  return { ...d, instances };
}

/**
 * `ops` (made holding `held`) with the same filling: an add that brings back a deleted component
 * (an undo) brings back its configuration in the environments that were not held too.
 */
export function widenOps(ops: readonly Op[], from: Diagram, held: Held): Op[] {
  if (held === undefined) return [...ops];
  return ops.map((o) => {
    if (o.op !== "addComponent") return o;
    const more = outside(from.instances[o.component.id], held);
    return Object.keys(more).length === 0 ? o : { ...o, instances: { ...o.instances, ...more } };
  });
}
