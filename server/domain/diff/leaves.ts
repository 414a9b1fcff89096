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

/**
 * The walk keeps one mutable path and copies it only when it reports a change: the hot
 * path (equal leaves, nearly all of them) allocates nothing.
 */
export class LeafWalk {
  constructor(
    private readonly kind: number,
    private readonly out: RawChange[],
    private readonly path: Segment[] = [],
  ) {}

  /** Compare two present (non-undefined) values at the current path. */
  values(left: unknown, right: unknown): void {
    if (left === right) return;
    if (typeof left === "object" && typeof right === "object" && left !== null && right !== null) {
      const leftArray = Array.isArray(left);
      if (leftArray === Array.isArray(right)) {
        if (leftArray) this.arrays(left as unknown[], right as unknown[]);
        else this.objects(left as Plain, right as Plain);
        return;
      }
    }
    this.out.push({ kind: this.kind, segments: this.path.slice(), status: "changed", left: canonical(left), right: canonical(right) });
  }

  /** Compare two optional values under `key` of the current path. */
  at(key: Segment, left: unknown, right: unknown): void {
    if (left === undefined && right === undefined) return;
    this.path.push(key);
    if (left === undefined) this.oneSided("added", right);
    else if (right === undefined) this.oneSided("removed", left);
    else this.values(left, right);
    this.path.pop();
  }

  private objects(left: Plain, right: Plain): void {
    const path = this.path;
    for (const key in left) {
      const l = left[key];
      if (l === undefined) continue;
      const r = hasOwn.call(right, key) ? right[key] : undefined;
      if (l === r) continue;
      path.push(key);
      if (r === undefined) this.oneSided("removed", l);
      else this.values(l, r);
      path.pop();
    }
    for (const key in right) {
      const r = right[key];
      if (r === undefined || (hasOwn.call(left, key) && left[key] !== undefined)) continue;
      path.push(key);
      this.oneSided("added", r);
      path.pop();
    }
  }

  private arrays(left: unknown[], right: unknown[]): void {
    const length = Math.max(left.length, right.length);
    for (let i = 0; i < length; i++) {
      const l = left[i];
      const r = right[i];
      if (l === r) continue;
      this.path.push(i);
      if (l === undefined) this.oneSided("added", r);
      else if (r === undefined) this.oneSided("removed", l);
      else this.values(l, r);
      this.path.pop();
    }
  }

  // A value on one side only is reported leaf by leaf, so that each leaf can be masked
  // (and promoted) on its own.
  private oneSided(status: "added" | "removed", value: unknown): void {
    if (typeof value === "object" && value !== null) {
      let any = false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) continue;
          any = true;
          this.path.push(i);
          this.oneSided(status, value[i]);
          this.path.pop();
        }
      } else {
        for (const key in value) {
          const item = (value as Plain)[key];
          if (item === undefined) continue;
          any = true;
          this.path.push(key);
          this.oneSided(status, item);
          this.path.pop();
        }
      }
      if (any) return;
    }
    const change: RawChange = { kind: this.kind, segments: this.path.slice(), status };
    if (status === "added") change.right = canonical(value);
    else change.left = canonical(value);
    this.out.push(change);
  }
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
