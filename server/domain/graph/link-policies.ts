// The policies a link grants, per environment: which ones its producer's artifact type offers,
// and how a choice for one environment is recorded on the link itself (the one home of a
// link's policies; an instance's configuration never carries them).
import { failOp } from "./op-error";
import { choiceProblem, type OfferedPolicy } from "./policy-choice";
import type { DiagramLink } from "./types";

/** Policies an artifact type offers, least privileged first; undefined when unknown. */
export type PoliciesOf = (type: string) => readonly OfferedPolicy[] | undefined;

/**
 * Refuses policy ids the type does not offer, and two rungs of one ladder (`choiceProblem`).
 * `[]` on a link as drawn means "the least privileged policy"; a choice for one environment must
 * name at least one (`allowEmpty` false).
 */
export function checkOffered(
  policiesOf: PoliciesOf | undefined,
  i: number,
  field: string,
  type: string | undefined,
  ids: readonly string[],
  allowEmpty = false,
) {
  const offered = type ? policiesOf?.(type) : undefined;
  if (!offered) return;
  const list = offered.map((p) => p.id).join(", ");
  if (ids.length === 0 && !allowEmpty && offered.length)
    failOp(i, field, `choose at least one policy (${list})`);
  const problem = choiceProblem(offered, ids);
  if (problem?.unknown !== undefined)
    failOp(i, field, `"${problem.unknown}" is not a policy ${type} offers (${list})`);
  if (problem?.message) failOp(i, field, problem.message);
}

/** Checks every per-environment choice a link carries (one added back by undo brings its own). */
export function checkChoices(
  policiesOf: PoliciesOf | undefined,
  environments: readonly string[],
  i: number,
  type: string | undefined,
  link: DiagramLink,
) {
  for (const [environment, ids] of Object.entries(link.policiesIn ?? {})) {
    const field = `link.policiesIn.${environment}`;
    if (!environments.includes(environment))
      failOp(i, field, "is not an environment of this project");
    checkOffered(policiesOf, i, field, type, ids);
  }
}

/** A copy of `link` with `environment`'s choice set to `policies`, or removed when null. */
export function withChoice(
  link: DiagramLink,
  environment: string,
  policies: readonly string[] | null,
): DiagramLink {
  const { [environment]: _previous, ...others } = link.policiesIn ?? {};
  const policiesIn = policies === null ? others : { ...others, [environment]: [...policies] };
  const { policiesIn: _old, ...rest } = link;
  return Object.keys(policiesIn).length > 0 ? { ...rest, policiesIn } : rest;
}

/** A deep copy of a link as an operation carries it, so later edits never reach the op. */
export function copyLink(link: DiagramLink): DiagramLink {
  const { policiesIn, ...rest } = link;
  const copy: DiagramLink = { ...rest, policies: [...link.policies] };
  if (policiesIn && Object.keys(policiesIn).length > 0)
    copy.policiesIn = Object.fromEntries(
      Object.entries(policiesIn).map(([env, ids]) => [env, [...ids]]),
    );
  return copy;
}
