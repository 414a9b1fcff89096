// What the Promote controls hold, without React: which compare rows may be promoted and as
// what `Selection` (server/domain/promote/plan), the selection set with its "whole component
// covers its fields" rule, and how a preview's refusal reads. Tested directly.
import type { Change, ChangeKind, ComponentDiff, LinkDiff } from "@/server/domain/diff/types";
import type { Selection } from "@/server/domain/promote/plan";

export type { Selection };

/** Why a row of these kinds has no checkbox: they are not configuration a promotion copies. */
const NOT_PROMOTED: Record<Exclude<ChangeKind, "param" | "preset" | "remoteReference">, string> = {
  secret: "Secrets are never promoted: set them in each environment",
  bundleVersion: "The bundle version belongs to the diagram: upgrade the component on the canvas",
  deployment: "Deployments are records, not configuration: deploy to change them",
  artifact: "Outputs come from deploying, not from configuration",
};

const MASKED_REASON =
  "Sensitive values are compared without being shown, so they are not promoted one by one";

/** What checking a row selects, or why it cannot be checked. */
export type RowPromotion =
  | { selection: Selection; path: string; note?: string }
  | { reason: string };

/**
 * A param row selects its field; inside a list it selects the whole list (a list is one value
 * to lock and to promote, and removing elements one index at a time would shift the rest).
 * A param only on the right is promotable: the plan removes what the source does not have.
 */
export function rowPromotion(componentId: string, change: Change): RowPromotion {
  if (change.kind === "preset")
    return { selection: { kind: "preset", componentId }, path: "preset" };
  if (change.kind === "remoteReference") return referencePromotion(componentId, change);
  if (change.kind !== "param") return { reason: NOT_PROMOTED[change.kind] };
  if (change.masked) return { reason: MASKED_REASON };
  const index = change.segments.findIndex((s) => typeof s === "number");
  const segments = index === -1 ? [...change.segments] : change.segments.slice(0, index);
  if (segments.length === 0) return { reason: "This value has no field to promote" };
  if (index === -1)
    return { selection: { kind: "param", componentId, segments }, path: change.path };
  const path = segments.join(".");
  return {
    selection: { kind: "param", componentId, segments },
    path,
    note: `Lists are promoted whole: this selects all of ${path}`,
  };
}

/** The compare snapshot's id of a slot's fill: a reference's starts with its kind. */
const isReference = (side: unknown) =>
  typeof side === "object" &&
  side !== null &&
  /^(publication|imported):/.test(String((side as { artifactId?: unknown }).artifactId));

/**
 * A reference row selects its slot when either side is a remote reference (promoting copies
 * the source's, or removes the target's when the source has none); a difference of environment
 * defaults alone is not promoted, as defaults are set per environment.
 */
function referencePromotion(componentId: string, change: Change): RowPromotion {
  const slot = change.segments[0];
  if (typeof slot !== "string" || !(isReference(change.left) || isReference(change.right)))
    return { reason: "Environment defaults are set per environment, not promoted" };
  const note = isReference(change.left)
    ? undefined
    : "The source has no reference here: promoting removes the target's";
  return {
    selection: { kind: "reference", componentId, slot },
    path: `reference ${slot}`,
    ...(note ? { note } : {}),
  };
}

/** A component may be promoted whole when it is on both sides and differs in configuration. */
export function componentPromotable(component: ComponentDiff): boolean {
  return (
    component.status === "changed" &&
    component.changes.some((c) => c.kind === "preset" || (c.kind === "param" && !c.masked))
  );
}

/** A link's policy choice may be promoted when the link is on both sides and differs. */
export const linkPromotable = (link: LinkDiff) => link.status === "changed";

export function selectionKey(s: Selection): string {
  switch (s.kind) {
    case "link":
      return `link\u0000${s.linkId}`;
    case "param":
      return `param\u0000${s.componentId}\u0000${JSON.stringify(s.segments)}`;
    case "reference":
      return `reference\u0000${s.componentId}\u0000${s.slot}`;
    default:
      return `${s.kind}\u0000${s.componentId}`;
  }
}

/** Selections by key, in the order they were chosen. */
export type SelectionState = ReadonlyMap<string, Selection>;

export const EMPTY: SelectionState = new Map();

const partOf = (s: Selection, componentId: string) =>
  (s.kind === "param" || s.kind === "preset") && s.componentId === componentId;

/** True when `s` is a field or preset of a component selected whole. */
export function covered(state: SelectionState, s: Selection): boolean {
  return (
    (s.kind === "param" || s.kind === "preset") &&
    state.has(selectionKey({ kind: "component", componentId: s.componentId }))
  );
}

/**
 * Adds or removes `s`. Selecting a whole component drops its fields and preset (it includes
 * them); a field of a component selected whole stays as it is.
 */
export function toggle(state: SelectionState, s: Selection): SelectionState {
  const key = selectionKey(s);
  const next = new Map(state);
  if (next.has(key)) {
    next.delete(key);
    return next;
  }
  if (covered(state, s)) return state;
  if (s.kind === "component")
    for (const [k, other] of state) if (partOf(other, s.componentId)) next.delete(k);
  next.set(key, s);
  return next;
}

/** The component checkbox: checked when whole, mixed when some of its fields are chosen. */
export function componentState(
  state: SelectionState,
  componentId: string,
): "all" | "some" | "none" {
  if (state.has(selectionKey({ kind: "component", componentId }))) return "all";
  for (const s of state.values()) if (partOf(s, componentId)) return "some";
  return "none";
}

/**
 * A preview's refusal without the operation index the user never saw ("ops.0.params.x: …" →
 * "params.x: …").
 */
export const readableProblem = (problem: string) =>
  problem.replace(/^(ops\.\d+\.|selections\.\d+: )/, "");

/** The production guardrail's refusal, which an owner may override with a reason. */
export const overridableProblem = (problem: string) => problem.includes("owner may override");

/**
 * How one side of a promoted change reads: an absent side as "not set" (after: removed), strings
 * bare, the rest as JSON.
 */
export function shownPromoted(value: unknown): string {
  if (value === undefined) return "not set";
  if (typeof value === "string") return value === "" ? '""' : value;
  return JSON.stringify(value);
}
