// The remote-reference part of a promotion: the source's and the target's references read,
// the steps planned (server/domain/promote/references.ts), and each step checked — or written —
// by the same function `reference.set` uses, so the organization's production guardrail decides
// a promoted reference exactly as it decides one set by hand.
import type { Tx } from "../db";
import { AppError, isAppError } from "../domain/errors";
import type { Diagram } from "../domain/graph/types";
import type { Selection } from "../domain/promote/plan";
import {
  planReferencePromotion,
  type PromotableReference,
  type ReferenceStep,
  referenceKey,
} from "../domain/promote/references";
import type { Role } from "../domain/roles";
import { referencesOfEnvironment, deleteReference } from "../repositories/slot-references";
import {
  checkReference,
  type EnvironmentScope,
  writeReference,
} from "../references/slot-references";

type Environment = { id: string; slug: string };

async function referencesOf(environmentId: string, tx?: Tx) {
  const refs = await referencesOfEnvironment(environmentId, undefined, tx);
  return new Map<string, PromotableReference>(
    refs.map((r) => {
      const p = r.publication;
      const label = p
        ? `${p.project}/${p.environment}: ${p.component}.${p.artifact}`
        : r.imported
          ? `imported: ${r.imported.name}`
          : "missing";
      const ref = {
        publicationId: p?.id ?? null,
        importedArtifactId: r.imported?.id ?? null,
        policies: r.policies,
        label,
      };
      return [referenceKey(r.componentId, r.slot), ref];
    }),
  );
}

/** The reference steps of a promotion and what they change; refuses what cannot be planned. */
export async function planReferences(
  diagram: Diagram,
  from: Environment,
  to: Environment,
  selections: readonly Selection[],
  tx?: Tx,
) {
  if (!selections.some((s) => s.kind === "reference")) return { steps: [], changes: [] };
  const names = new Map(diagram.components.map((c) => [c.id, c.name]));
  const [source, target] = await Promise.all([referencesOf(from.id, tx), referencesOf(to.id, tx)]);
  return planReferencePromotion(names, source, target, selections);
}

/** A refusal of a step, naming the selection, the slot and the environment (then the rule). */
function refusal(step: ReferenceStep, to: Environment, error: unknown): never {
  if (!isAppError(error)) throw error;
  const rule = error.message.replace(/^[\w.]+: /, "");
  const message = `${step.component}.${step.slot} in ${to.slug}: ${rule}`;
  throw new AppError(error.code, `selections.${step.index}: ${message}`, {
    fields: { [`selections.${step.index}`]: [message] },
  });
}

interface Run {
  scope: EnvironmentScope;
  role: Role;
  overrideReason: string | null;
}

const inputOf = (step: ReferenceStep, overrideReason: string | null) => ({
  componentId: step.componentId,
  slot: step.slot,
  publicationId: step.source?.publicationId ?? null,
  importedArtifactId: step.source?.importedArtifactId ?? null,
  policies: [...(step.source?.policies ?? [])],
  overrideReason,
});

/** Checks every step that sets a reference (clearing one needs no check). Writes nothing. */
export async function checkReferenceSteps(steps: readonly ReferenceStep[], run: Run) {
  for (const step of steps)
    if (step.source)
      await checkReference(run.scope, inputOf(step, run.overrideReason), run.role).catch((e) =>
        refusal(step, run.scope, e),
      );
}

/** Checks and writes every step in `tx`; the override reasons used, for the audit event. */
export async function writeReferenceSteps(tx: Tx, steps: readonly ReferenceStep[], run: Run) {
  let overridden = false;
  for (const step of steps) {
    const at = { environmentId: run.scope.id, componentId: step.componentId, slot: step.slot };
    if (!step.source) {
      await deleteReference(tx, at);
      continue;
    }
    const input = inputOf(step, run.overrideReason);
    const checked = await checkReference(run.scope, input, run.role, tx).catch((e) =>
      refusal(step, run.scope, e),
    );
    await writeReference(tx, run.scope, input, checked);
    overridden ||= checked.overrideReason !== null;
  }
  return { overrideReason: overridden ? run.overrideReason!.trim() : null };
}
