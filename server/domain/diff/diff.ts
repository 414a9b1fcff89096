// Compare two environment snapshots: staging against production, or one environment now
// against itself in the past. Components and lines are matched by id (every environment of
// a project shows the same diagram, so only time travel sees one side without the other).
//
// Order is part of the contract, so that two runs, or two servers, render the same list:
// components by name then id, lines by id, changes by kind (`CHANGE_KINDS`) then path.
// Nothing depends on the key order of the input.
import { instanceChanges } from "./instance";
import type { RawChange } from "./leaves";
import { MASKED } from "./mask";
import { compareSegments, formatPath } from "./paths";
import {
  CHANGE_KINDS,
  type Change,
  type ComponentDiff,
  type DiffOptions,
  type DiffStatus,
  type EnvironmentDiff,
  type EnvironmentSnapshot,
  type InstanceSnapshot,
  type LinkDiff,
  type SnapshotLink,
  type SnapshotRef,
  type StatusCounts,
} from "./types";

const hasOwn = Object.prototype.hasOwnProperty;
const PARAM = CHANGE_KINDS.indexOf("param");
const ARTIFACT = CHANGE_KINDS.indexOf("artifact");

/**
 * Differences between two snapshots, per component and per line. A component or line on
 * one side only is `added` (right only) or `removed` (left only); an added or removed
 * component lists its whole configuration as changes. Secrets are compared and shown by
 * fingerprint only; values `options.mask` hides are replaced by `MASKED`.
 */
export function diffEnvironments(
  left: EnvironmentSnapshot,
  right: EnvironmentSnapshot,
  options: DiffOptions = {},
): EnvironmentDiff {
  const components = diffComponents(left, right, options);
  const links = diffLinks(left.links, right.links);
  const summary = { components: counts(), links: counts(), changes: 0, masked: 0 };
  for (const c of components) {
    summary.components[c.status]++;
    summary.changes += c.changes.length;
    for (const change of c.changes) if (change.masked) summary.masked++;
  }
  for (const l of links) summary.links[l.status]++;
  return { left: ref(left), right: ref(right), components, links, summary };
}

const counts = (): StatusCounts => ({ same: 0, changed: 0, added: 0, removed: 0 });

// Built field by field, like every object of the result, so input key order never shows.
function ref({ environment: e, at }: EnvironmentSnapshot): SnapshotRef {
  const environment = { id: e.id, slug: e.slug, name: e.name, class: e.class };
  return at === undefined ? { environment } : { environment, at };
}

function instanceOf(snapshot: EnvironmentSnapshot, id: string): InstanceSnapshot | undefined {
  return hasOwn.call(snapshot.instances, id) ? snapshot.instances[id] : undefined;
}

function diffComponents(
  left: EnvironmentSnapshot,
  right: EnvironmentSnapshot,
  options: DiffOptions,
): ComponentDiff[] {
  const rightById = new Map(right.components.map((c) => [c.id, c]));
  const leftById = new Map(left.components.map((c) => [c.id, c]));
  const out: ComponentDiff[] = [];
  for (const component of [
    ...right.components,
    ...left.components.filter((c) => !rightById.has(c.id)),
  ]) {
    const id = component.id;
    const onLeft = leftById.has(id);
    const onRight = rightById.has(id);
    // An instance row of a component not on that side's diagram is stale: ignore it.
    const raw = instanceChanges(
      onLeft ? instanceOf(left, id) : undefined,
      onRight ? instanceOf(right, id) : undefined,
    );
    const changes = finish(raw, id, component.bundle, options);
    const status: DiffStatus = !onLeft
      ? "added"
      : !onRight
        ? "removed"
        : changes.length > 0
          ? "changed"
          : "same";
    out.push({ componentId: id, name: component.name, bundle: component.bundle, status, changes });
  }
  return out.sort((a, b) =>
    a.name === b.name ? compareText(a.componentId, b.componentId) : compareText(a.name, b.name),
  );
}

// Code-unit order, not localeCompare: the same on every machine and in every browser.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function finish(
  raw: RawChange[],
  componentId: string,
  bundle: string,
  { mask }: DiffOptions,
): Change[] {
  raw.sort((a, b) => a.kind - b.kind || compareSegments(a.segments, b.segments));
  return raw.map((r) => {
    const change: Change = {
      kind: CHANGE_KINDS[r.kind]!,
      path: formatPath(r.segments),
      segments: r.segments,
      status: r.status,
    };
    const hidden =
      mask !== undefined &&
      (r.kind === PARAM || r.kind === ARTIFACT) &&
      mask({
        componentId,
        bundle,
        kind: r.kind === PARAM ? "param" : "artifact",
        segments: r.segments.map(String),
      });
    if (hidden) change.masked = true;
    if (r.left !== undefined) change.left = hidden ? MASKED : r.left;
    if (r.right !== undefined) change.right = hidden ? MASKED : r.right;
    return change;
  });
}

function policySet(link: SnapshotLink | undefined): string[] | null {
  return link ? [...new Set(link.policies)].sort() : null;
}

function diffLinks(left: SnapshotLink[], right: SnapshotLink[]): LinkDiff[] {
  const leftById = new Map(left.map((l) => [l.id, l]));
  const rightById = new Map(right.map((l) => [l.id, l]));
  const ids = [...new Set([...leftById.keys(), ...rightById.keys()])].sort(compareText);
  return ids.map((linkId) => {
    const l = policySet(leftById.get(linkId));
    const r = policySet(rightById.get(linkId));
    const status: DiffStatus = !l
      ? "added"
      : !r
        ? "removed"
        : l.length === r.length && l.every((p, i) => p === r[i])
          ? "same"
          : "changed";
    return { linkId, status, left: l, right: r };
  });
}
