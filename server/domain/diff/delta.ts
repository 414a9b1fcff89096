// Environment history records a change as a delta when it knows what the change touched: the
// components, lines and instances it moved, each entry whole. A delta replaces entries, so
// applying the deltas recorded after a checkpoint in order gives the state at any later moment.
import { sameValue } from "../presets/values";
import type {
  EnvironmentSnapshot,
  InstanceSnapshot,
  SnapshotComponent,
  SnapshotLink,
} from "./types";

/** The entries of a snapshot a change can have moved (a partial snapshot holds only these). */
export interface SnapshotScope {
  components: ReadonlySet<string>;
  links: ReadonlySet<string>;
}

export interface SnapshotDelta {
  components: SnapshotComponent[];
  links: SnapshotLink[];
  /** Instances by component id (a removed component's goes with it). */
  instances: Record<string, InstanceSnapshot>;
  removedComponents: string[];
  removedLinks: string[];
}

type Partial = Pick<EnvironmentSnapshot, "components" | "links" | "instances">;

function changed<T extends { id: string }>(before: readonly T[], after: readonly T[]) {
  const old = new Map(before.map((e) => [e.id, e]));
  const now = new Set(after.map((e) => e.id));
  return {
    set: after.filter((e) => !sameValue(old.get(e.id), e)),
    removed: before.filter((e) => !now.has(e.id)).map((e) => e.id),
  };
}

/**
 * What moved between two partial snapshots of the same scope (built before and after a change),
 * or null when nothing did.
 */
export function snapshotDelta(before: Partial, after: Partial): SnapshotDelta | null {
  const components = changed(before.components, after.components);
  const links = changed(before.links, after.links);
  const instances = Object.fromEntries(
    Object.entries(after.instances).filter(([id, i]) => !sameValue(before.instances[id], i)),
  );
  const empty =
    components.set.length + components.removed.length + links.set.length + links.removed.length ===
      0 && Object.keys(instances).length === 0;
  if (empty) return null;
  return {
    components: components.set,
    links: links.set,
    instances,
    removedComponents: components.removed,
    removedLinks: links.removed,
  };
}

function replace<T extends { id: string }>(list: readonly T[], set: readonly T[], gone: string[]) {
  const next = new Map(set.map((e) => [e.id, e]));
  const removed = new Set(gone);
  const kept = list.filter((e) => !removed.has(e.id)).map((e) => next.get(e.id) ?? e);
  const present = new Set(list.map((e) => e.id));
  return [...kept, ...set.filter((e) => !present.has(e.id))];
}

/** `state` with `delta` applied (entries replaced, removed ones dropped, new ones appended). */
export function applyDelta(state: EnvironmentSnapshot, delta: SnapshotDelta): EnvironmentSnapshot {
  const instances = { ...state.instances, ...delta.instances };
  for (const id of delta.removedComponents) delete instances[id];
  return {
    ...state,
    components: replace(state.components, delta.components, delta.removedComponents),
    links: replace(state.links, delta.links, delta.removedLinks),
    instances,
  };
}
