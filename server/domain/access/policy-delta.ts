// "What it expands to", as the difference from the current choice: each policy's grants broken
// into single permissions (one IAM action on one resource, one SQL statement, one ACL rule …),
// so switching read-only → read-write reads as the lines it adds and the lines it takes away.
import type { PolicyGrants } from "../catalog/types";

interface GrantedPolicy {
  id: string;
  grants: PolicyGrants;
}

/** One readable line per permission a policy grants, prefixed by its provider. */
export function grantLines(grants: PolicyGrants): string[] {
  const lines: string[] = [];
  for (const s of grants.aws?.document?.Statement ?? []) {
    const resources = Array.isArray(s.Resource) ? s.Resource : [s.Resource];
    const condition = s.Condition ? ` if ${JSON.stringify(s.Condition)}` : "";
    for (const action of s.Action)
      for (const resource of resources)
        lines.push(`aws: ${s.Effect} ${action} on ${resource}${condition}`);
  }
  if (grants.aws?.policyArn) lines.push(`aws: attach ${grants.aws.policyArn}`);
  if (grants.gcp)
    lines.push(
      `gcp: ${grants.gcp.role} on ${grants.gcp.resource}${grants.gcp.condition ? ` if ${grants.gcp.condition}` : ""}`,
    );
  for (const statement of grants.postgresql?.statements ?? [])
    lines.push(`postgresql: ${statement}`);
  for (const rule of grants.redis?.acl.split(/\s+/).filter(Boolean) ?? [])
    lines.push(`redis: ${rule}`);
  for (const r of grants.kubernetes?.rules ?? [])
    for (const verb of r.verbs)
      for (const resource of r.resources)
        lines.push(
          `kubernetes (${grants.kubernetes!.scope}): ${verb} ${[r.apiGroups.join(",") || "core", resource].join("/")}${r.resourceNames ? ` named ${r.resourceNames.join(", ")}` : ""}`,
        );
  return lines;
}

function linesOf(offered: readonly GrantedPolicy[], ids: readonly string[]): Set<string> {
  return new Set(offered.filter((p) => ids.includes(p.id)).flatMap((p) => grantLines(p.grants)));
}

/** What choosing `next` instead of `current` adds and takes away, in the order they are granted. */
export function expansionDelta(
  offered: readonly GrantedPolicy[],
  current: readonly string[],
  next: readonly string[],
): { added: string[]; removed: string[] } {
  const before = linesOf(offered, current);
  const after = linesOf(offered, next);
  return {
    added: [...after].filter((l) => !before.has(l)),
    removed: [...before].filter((l) => !after.has(l)),
  };
}
