// Moving edits onto a newer diagram: a three-way merge per operation. Each op was made
// against `base`; `onto` is the diagram it must now apply to (someone else's save, or my own
// later edits when undoing). A field both sides changed to different values is a conflict;
// a field only I changed is re-applied on top; a field only they changed is left as they set
// it. Used by the canvas's sync (pending edits after a conflict) and by undo (so undoing my
// edit never reverts someone else's).
import { getIn, isPlainObject, sameValue, setIn } from "../presets/values";
import { type ApplyContext, applyOps, type Op } from "./ops";
import type { Diagram, DiagramComponent, InstanceConfig } from "./types";

interface RebaseConflict {
  /** The op as it was made, and the diagram it was made against. */
  op: Op;
  base: Diagram;
  /** What both sides changed: `name`, `position`, `params.port`, `link` … */
  fields: string[];
  /** Why it can't be applied as it is, in words. */
  message: string;
}

interface Rebased {
  /** The ops that still change something, rewritten to apply on `onto`. */
  ops: Op[];
  /** `onto` with them applied. */
  diagram: Diagram;
  conflicts: RebaseConflict[];
}

type Verdict = { op: Op | null } | { fields: string[]; message: string };

/** The rules without param and preset checks: for replaying ops already accepted once. */
function loose(ctx: ApplyContext): ApplyContext {
  return { ...ctx, validateParams: undefined, presets: undefined };
}

const componentOf = (d: Diagram, id: string) => d.components.find((c) => c.id === id);
const linkOf = (d: Diagram, id: string) => d.links.find((l) => l.id === id);

type Segments = (string | number)[];

/**
 * Leaves of a config as segment paths: nested objects walk down (an empty one has none),
 * arrays and scalars are leaves (a list of CIDRs is one value, as guardrails read it).
 */
function leaves(value: unknown, prefix: Segments = [], out = new Map<string, Segments>()) {
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, [...prefix, k], out);
  } else if (prefix.length > 0) out.set(prefix.join("."), prefix);
  return out;
}

/**
 * Three-way merge of one instance config. `mine` not naming a preset version while keeping
 * the preset means "the pinned one", as applyOps reads it, so that is not a change.
 */
function mergeConfig(
  base: InstanceConfig | undefined,
  mine: InstanceConfig,
  theirs: InstanceConfig | undefined,
  preferMine: boolean,
): { config: InstanceConfig; conflicts: string[] } {
  const keepsPin =
    mine.presetVersion === undefined &&
    base?.presetVersion !== undefined &&
    mine.preset === base.preset;
  const normalized = keepsPin ? { ...mine, presetVersion: base.presetVersion } : mine;
  const paths = new Map([...leaves(base ?? {}), ...leaves(normalized)]);
  let merged: unknown = theirs ?? normalized;
  const conflicts: string[] = [];
  for (const [name, segments] of paths) {
    const b = getIn(base ?? {}, segments);
    const m = getIn(normalized, segments);
    const t = getIn(theirs ?? {}, segments);
    if (sameValue(m, b) || sameValue(m, t)) continue;
    if (!sameValue(b, t) && theirs !== undefined) {
      conflicts.push(name);
      if (!preferMine) continue;
    }
    merged = setIn(merged, segments, m);
  }
  const config = merged as InstanceConfig;
  return {
    config: { ...config, params: config.params ?? {}, preset: config.preset ?? null },
    conflicts,
  };
}

function updateComponent(
  o: Extract<Op, { op: "updateComponent" }>,
  base: DiagramComponent | undefined,
  theirs: DiagramComponent,
  preferMine: boolean,
): Verdict {
  const groups: [string, (keyof DiagramComponent)[]][] = [
    ["name", ["name"]],
    ["version", ["version"]],
    ["position", ["x", "y"]],
  ];
  const next: Extract<Op, { op: "updateComponent" }> = { op: "updateComponent", id: o.id };
  const conflicts: string[] = [];
  for (const [field, keys] of groups) {
    const set = keys.filter((k) => o[k as keyof typeof o] !== undefined);
    if (set.length === 0) continue;
    const mine = set.map((k) => o[k as keyof typeof o]);
    const theirsNow = set.map((k) => theirs[k]);
    const before = set.map((k) => base?.[k]);
    if (sameValue(mine, theirsNow)) continue;
    if (!sameValue(before, theirsNow)) {
      conflicts.push(field);
      if (!preferMine) continue;
    }
    for (const k of set) Object.assign(next, { [k]: o[k as keyof typeof o] });
  }
  if (conflicts.length > 0 && !preferMine)
    return {
      fields: conflicts,
      message: `${conflicts.join(", ")} of ${theirs.name} changed since`,
    };
  return { op: Object.keys(next).length > 2 ? next : null };
}

/** One op, made against `base`, rewritten for `onto` (null: nothing left to do). */
function transform(o: Op, base: Diagram, onto: Diagram, preferMine: boolean): Verdict {
  switch (o.op) {
    case "addComponent": {
      const there = componentOf(onto, o.component.id);
      if (!there) return { op: o };
      // Already saved (a retry after a save whose answer was lost): nothing to do.
      return sameValue(there, o.component)
        ? { op: null }
        : { fields: ["component"], message: `${o.component.name} is already on the diagram` };
    }
    case "updateComponent": {
      const theirs = componentOf(onto, o.id);
      if (!theirs) {
        const name = componentOf(base, o.id)?.name ?? o.id;
        return { fields: ["component"], message: `${name} was deleted since` };
      }
      return updateComponent(o, componentOf(base, o.id), theirs, preferMine);
    }
    case "removeComponent": {
      const theirs = componentOf(onto, o.id);
      if (!theirs) return { op: null };
      const before = componentOf(base, o.id);
      const touched = (d: Diagram) => d.links.filter((l) => l.from === o.id || l.to === o.id);
      const changed =
        !sameValue(before, theirs) ||
        !sameValue(base.instances[o.id], onto.instances[o.id]) ||
        !sameValue(touched(base), touched(onto));
      return changed && !preferMine
        ? { fields: ["component"], message: `${theirs.name} was changed since you deleted it` }
        : { op: o };
    }
    case "addLink": {
      const there = linkOf(onto, o.link.id);
      if (!there) return { op: o };
      return sameValue(there, o.link)
        ? { op: null }
        : { fields: ["link"], message: "the line is already on the diagram" };
    }
    case "removeLink": {
      const theirs = linkOf(onto, o.id);
      if (!theirs) return { op: null };
      return !sameValue(linkOf(base, o.id), theirs) && !preferMine
        ? { fields: ["link"], message: "the line was changed since you deleted it" }
        : { op: o };
    }
    case "setInstance": {
      const component = componentOf(onto, o.component);
      if (!component) {
        const name = componentOf(base, o.component)?.name ?? o.component;
        return { fields: ["component"], message: `${name} was deleted since` };
      }
      const before = base.instances[o.component]?.[o.environment];
      const theirs = onto.instances[o.component]?.[o.environment];
      const { config, conflicts } = mergeConfig(before, o.config, theirs, preferMine);
      if (conflicts.length > 0 && !preferMine)
        return {
          fields: conflicts,
          message: `${conflicts.join(", ")} of ${component.name} changed since`,
        };
      return { op: theirs && sameValue(config, theirs) ? null : { ...o, config } };
    }
    case "setLinkPolicy": {
      const theirs = linkOf(onto, o.link);
      if (!theirs) return { fields: ["link"], message: "the line was deleted since" };
      const before = linkOf(base, o.link)?.policiesIn?.[o.environment] ?? null;
      const now = theirs.policiesIn?.[o.environment] ?? null;
      if (sameValue(now, o.policies)) return { op: null };
      // They chose too, and differently: whose choice stands is the user's decision.
      return !sameValue(before, now) && !preferMine
        ? { fields: ["policies"], message: "the line's policy choice changed since" }
        : { op: o };
    }
    default:
      // An op this merge does not know field by field: applied as made, the rules decide.
      return { op: o };
  }
}

/**
 * Rewrites `ops` (made in order against `base`) to apply on `onto`. Ops that conflict are
 * returned, not applied, unless `preferMine` (the user chose to keep theirs over mine); ops
 * the rules now refuse (a slot someone else filled) are conflicts too.
 */
export function rebaseOps(
  ops: readonly Op[],
  base: Diagram,
  onto: Diagram,
  ctx: ApplyContext,
  preferMine = false,
): Rebased {
  const out: Op[] = [];
  const conflicts: RebaseConflict[] = [];
  let b = base;
  let d = onto;
  for (const o of ops) {
    const verdict = transform(o, b, d, preferMine);
    if ("fields" in verdict) conflicts.push({ op: o, base: b, ...verdict });
    else if (verdict.op) {
      try {
        d = applyOps(d, [verdict.op], ctx);
        out.push(verdict.op);
      } catch (error) {
        const message = (error as Error).message.replace(/^ops\.0\./, "");
        conflicts.push({ op: o, base: b, fields: [message.split(":")[0] ?? "diagram"], message });
      }
    }
    try {
      b = applyOps(b, [o], loose(ctx));
    } catch {
      // The op no longer replays on its own base (its target went with an earlier conflict):
      // later ops are still compared against the base as it was.
    }
  }
  return { ops: out, diagram: d, conflicts };
}
