// Which named policies a link grants. The producer's artifact type lists what it offers;
// the link records what the consumer chose. Anything else is refused, never widened.
import { AppError } from "../errors";
import type { ArtifactTypeDefinition } from "../catalog/types";

/** A policy choice the type does not allow, with a message naming the allowed ids. */
export interface PolicyProblem {
  rule: "unknown-policy" | "no-policies";
  type: string;
  policies: string[];
  allowed: string[];
  message: string;
}

/**
 * Check chosen policy ids against the type. Returns null when every id is offered (an
 * empty choice is fine: it means the default). Types without policies accept only `[]`.
 */
export function checkPolicies(
  type: ArtifactTypeDefinition,
  ids: readonly string[],
): PolicyProblem | null {
  const allowed = type.policies.map((p) => p.id);
  const bad = ids.filter((id) => !allowed.includes(id));
  if (bad.length === 0) return null;
  const list = bad.map((id) => `"${id}"`).join(", ");
  if (allowed.length === 0) {
    return {
      rule: "no-policies",
      type: type.name,
      policies: bad,
      allowed,
      message: `${type.name} offers no policies; ${list} cannot be chosen`,
    };
  }
  const noun = bad.length === 1 ? "policy" : "policies";
  return {
    rule: "unknown-policy",
    type: type.name,
    policies: bad,
    allowed,
    message: `${noun} ${list} not offered by ${type.name} (allowed: ${allowed.join(", ")})`,
  };
}

/** `checkPolicies` for write paths: throws a BAD_REQUEST AppError with the field `policies`. */
export function assertPolicies(type: ArtifactTypeDefinition, ids: readonly string[]): void {
  const problem = checkPolicies(type, ids);
  if (problem)
    throw new AppError("BAD_REQUEST", problem.message, {
      fields: { policies: [problem.message] },
      allowed: problem.allowed,
    });
}

/**
 * The policies a link grants, in the order they are offered: the chosen ones, or the least
 * privileged (the first, by catalog invariant) when nothing was chosen. The one place that
 * default is decided. Unknown ids are dropped here; report them with `checkPolicies` —
 * dropping can only ever grant less.
 */
export function grantedPolicies<P extends { id: string }>(
  offered: readonly P[],
  chosen: readonly string[],
): P[] {
  if (chosen.length === 0) return offered.slice(0, 1);
  return offered.filter((p) => chosen.includes(p.id));
}

/** The ids a link drawn without a choice grants: the least privileged policy, or none. */
export function leastPrivileged(offered: readonly { id: string }[]): string[] {
  return grantedPolicies(offered, []).map((p) => p.id);
}
