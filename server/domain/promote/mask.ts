// What a promotion preview may show: values of params the bundle marks sensitive are replaced
// by the diff's MASKED marker — a field that is (or contains, or lies inside) one, and inside
// a whole configuration every such field — as the compare view does.
import { touchesSensitive } from "../access/sensitive";
import { MASKED } from "../diff/mask";
import type { PromotedChange } from "./plan";

type Json = unknown;

/** `value` (found at `path`) with everything at or below a sensitive pointer replaced by MASKED. */
function maskBelow(value: Json, path: string[], pointers: readonly string[]): Json {
  if (value === undefined) return value;
  const inside = pointers.some((p) => {
    const segs = p.split("/").slice(1);
    return segs.length <= path.length && touchesSensitive([p], path);
  });
  if (inside) return MASKED;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value))
    return value.map((v, i) => maskBelow(v, [...path, String(i)], pointers));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, maskBelow(v, [...path, k], pointers)]),
  );
}

/**
 * Masks each change's sensitive param values; `sensitive(componentId)` gives the bundle's sensitive
 * param pointers.
 */
export function maskPromotedChanges(
  changes: readonly PromotedChange[],
  sensitive: (componentId: string) => readonly string[],
): PromotedChange[] {
  return changes.map((change) => {
    const pointers = change.componentId && change.field ? sensitive(change.componentId) : [];
    if (pointers.length === 0 || !change.field) return change;
    const path = change.field.map(String);
    if (path.length === 0) {
      const params = (side: Json) =>
        side && typeof side === "object" && "params" in side
          ? { ...side, params: maskBelow((side as { params: Json }).params, [], pointers) }
          : side;
      return { ...change, before: params(change.before), after: params(change.after) };
    }
    return {
      ...change,
      before: maskBelow(change.before, path, pointers),
      after: maskBelow(change.after, path, pointers),
    };
  });
}
