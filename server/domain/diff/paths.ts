// Paths of changes: how they are ordered and how they read.
import type { Segment } from "./types";

// Keys that read unambiguously after a dot; anything else is quoted in brackets.
const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/**
 * `["storage", "allocated_gb"]` → `storage.allocated_gb`, `["tags", 2]` → `tags[2]`, odd keys →
 * `labels["app.kubernetes.io/name"]`.
 */
export function formatPath(segments: readonly Segment[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (PLAIN_KEY.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/**
 * Total order on paths: segment by segment, indices numerically (`tags[2]` before
 * `tags[10]`), keys by UTF-16 code units (locale-independent), indices before keys, a
 * path before the paths below it.
 */
export function compareSegments(a: readonly Segment[], b: readonly Segment[]): number {
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === "number") return typeof y === "number" ? x - y : -1;
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
