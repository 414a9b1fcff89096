// How the policies of one line are chosen. Most artifact types offer a ladder (read-only <
// read-write < admin): a line holds exactly one rung. Policies marked `additive` in the type
// (publish, subscribe) grant something the others do not include, so they may be combined
// with anything. The canvas offers exactly these choices and the server refuses any other.

/** A policy as the choice rules see it: its id and whether it combines with others. */
export interface OfferedPolicy {
  id: string;
  additive?: boolean;
}

/**
 * Why `ids` is not a choice a person can make, or null. Each id must be offered, and at most one
 * of them may be a rung of the ladder (a policy not marked additive).
 */
export function choiceProblem(offered: readonly OfferedPolicy[], ids: readonly string[]) {
  const unknown = ids.find((id) => !offered.some((p) => p.id === id));
  if (unknown !== undefined) return { unknown };
  const exclusive = offered.filter((p) => !p.additive && ids.includes(p.id)).map((p) => p.id);
  if (exclusive.length > 1)
    return {
      message: `choose one of ${exclusive.join(", ")}: each includes or replaces the other (only ${
        offered
          .filter((p) => p.additive)
          .map((p) => p.id)
          .join(", ") || "no policy"
      } may be combined)`,
    };
  return null;
}

/**
 * The choice after a click on `id`: a rung replaces the rung chosen so far (keeping additive
 * ones); an additive policy toggles, but the last policy of a line is never dropped (a line
 * always grants something). Returned in the order the type offers them.
 */
export function togglePolicy(
  offered: readonly OfferedPolicy[],
  current: readonly string[],
  id: string,
): string[] {
  const policy = offered.find((p) => p.id === id);
  if (!policy) return [...current];
  let next: string[];
  if (policy.additive) {
    next = current.includes(id) ? current.filter((c) => c !== id) : [...current, id];
    if (next.length === 0) return [...current];
  } else {
    const additive = new Set(offered.filter((p) => p.additive).map((p) => p.id));
    next = [...current.filter((c) => additive.has(c)), id];
  }
  return offered.map((p) => p.id).filter((p) => next.includes(p));
}
