// The leaf walk: compares two JSON values and reports every leaf that differs. Objects are
// compared key by key and arrays index by index (like microdiff: an insertion at the front
// of a list shows as every later index changed, which is also how a params form edits
// lists). Scalars, `null` and empty containers are leaves. `undefined` counts as absent.
import type { ChangeStatus, Segment } from "./types";

/** A difference before it is ordered, masked and given a readable path. */
export interface RawChange {
  /** Position of the kind in `CHANGE_KINDS`, so sorting compares numbers. */
  kind: number;
  segments: Segment[];
  status: ChangeStatus;
  left?: unknown;
  right?: unknown;
}

type Plain = Record<string, unknown>;

const hasOwn = Object.prototype.hasOwnProperty;

// One walk's state. The path is a single mutable stack, copied only when a change is
// reported: the hot path (equal leaves, nearly all of them) allocates nothing.
interface Walk {
  kind: number;
  out: RawChange[];
  path: Segment[];
}

/** Append to `out` every leaf where `left` and `right` differ, as changes of `kind`. */
export function walkLeaves(kind: number, left: unknown, right: unknown, out: RawChange[]): void {
  values({ kind, out, path: [] }, left, right);
}

// Both values are present (not undefined).
function values(w: Walk, left: unknown, right: unknown): void {
  if (left === right) return;
  if (typeof left === "object" && typeof right === "object" && left !== null && right !== null) {
    const leftArray = Array.isArray(left);
    if (leftArray === Array.isArray(right)) {
      if (leftArray) arrays(w, left as unknown[], right as unknown[]);
      else objects(w, left as Plain, right as Plain);
      return;
    }
  }
  w.out.push({
    kind: w.kind,
    segments: w.path.slice(),
    status: "changed",
    left: canonical(left),
    right: canonical(right),
  });
}

function objects(w: Walk, left: Plain, right: Plain): void {
  const path = w.path;
  for (const key in left) {
    const l = left[key];
    if (l === undefined) continue;
    const r = hasOwn.call(right, key) ? right[key] : undefined;
    if (l === r) continue;
    path.push(key);
    if (r === undefined) oneSided(w, "removed", l);
    else values(w, l, r);
    path.pop();
  }
  for (const key in right) {
    const r = right[key];
    if (r === undefined || (hasOwn.call(left, key) && left[key] !== undefined)) continue;
    path.push(key);
    oneSided(w, "added", r);
    path.pop();
  }
}

function arrays(w: Walk, left: unknown[], right: unknown[]): void {
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const l = left[i];
    const r = right[i];
    if (l === r) continue;
    w.path.push(i);
    if (l === undefined) oneSided(w, "added", r);
    else if (r === undefined) oneSided(w, "removed", l);
    else values(w, l, r);
    w.path.pop();
  }
}

// A value on one side only is reported leaf by leaf, so that each leaf can be masked (and
// promoted) on its own.
function oneSided(w: Walk, status: "added" | "removed", value: unknown): void {
  if (typeof value === "object" && value !== null) {
    let any = false;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (value[i] === undefined) continue;
        any = true;
        w.path.push(i);
        oneSided(w, status, value[i]);
        w.path.pop();
      }
    } else {
      for (const key in value) {
        const item = (value as Plain)[key];
        if (item === undefined) continue;
        any = true;
        w.path.push(key);
        oneSided(w, status, item);
        w.path.pop();
      }
    }
    if (any) return;
  }
  const change: RawChange = { kind: w.kind, segments: w.path.slice(), status };
  if (status === "added") change.right = canonical(value);
  else change.left = canonical(value);
  w.out.push(change);
}

/**
 * A copy with object keys sorted, for the rare container that is reported whole (an object
 * that became a scalar, an empty list): the result must not depend on input key order.
 */
export function canonical(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => canonical(item) ?? null);
  const out: Plain = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Plain)[key];
    if (item !== undefined) out[key] = canonical(item);
  }
  return out;
}
