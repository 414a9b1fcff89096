// Promoting remote references: a slot's reference in the source environment is set in the
// target (the same publication or imported artifact, the same policies), or, when the source
// has none, the target's is removed. References are not diagram operations (each environment
// holds its own), so they are planned apart from `planPromotion`; the server then runs every
// step through the checks `reference.set` makes, the production guardrail included.
import { AppError } from "../errors";
import type { PromotedChange, Selection } from "./plan";

/** What fills one slot from outside, as promotion copies it. */
export interface PromotableReference {
  publicationId: string | null;
  importedArtifactId: string | null;
  policies: readonly string[];
  /** How the audit and the preview name it ("shared-infra/production: cluster.cluster"). */
  label: string;
}

/** One slot to change in the target: set to `source`, or cleared when `source` is null. */
export interface ReferenceStep {
  /** The selection's index, so a refusal names what the user chose. */
  index: number;
  componentId: string;
  component: string;
  slot: string;
  source: PromotableReference | null;
}

const key = (componentId: string, slot: string) => `${componentId}\u0000${slot}`;

/** The map key of a component's slot, for the `from`/`to` maps `planReferencePromotion` reads. */
export const referenceKey = key;

const same = (a: PromotableReference | undefined, b: PromotableReference | undefined) =>
  a?.publicationId === b?.publicationId &&
  a?.importedArtifactId === b?.importedArtifactId &&
  [...(a?.policies ?? [])].sort().join() === [...(b?.policies ?? [])].sort().join();

/**
 * The reference steps of `selections` and what each changes. Refuses (BAD_REQUEST naming the
 * selection) a component not on the diagram, a slot with a reference on neither side (the
 * difference is then an environment default, set per environment) and a source reference whose
 * artifact is gone. A slot already matching its source is no step.
 */
export function planReferencePromotion(
  components: ReadonlyMap<string, string>,
  from: ReadonlyMap<string, PromotableReference>,
  to: ReadonlyMap<string, PromotableReference>,
  selections: readonly Selection[],
): { steps: ReferenceStep[]; changes: PromotedChange[] } {
  const steps: ReferenceStep[] = [];
  const changes: PromotedChange[] = [];
  const seen = new Set<string>();
  for (const [index, sel] of selections.entries()) {
    if (sel.kind !== "reference") continue;
    const refuse = (message: string): never => {
      throw new AppError("BAD_REQUEST", `selections.${index}: ${message}`, {
        fields: { [`selections.${index}`]: [message] },
      });
    };
    const component =
      components.get(sel.componentId) ?? refuse("is not a component of this diagram");
    const at = `${component}.${sel.slot}`;
    const k = key(sel.componentId, sel.slot);
    if (seen.has(k)) continue;
    seen.add(k);
    const source = from.get(k);
    const target = to.get(k);
    if (!source && !target)
      refuse(
        `${at} holds a remote reference in neither environment (environment defaults are set per environment)`,
      );
    if (source && !source.publicationId && !source.importedArtifactId)
      refuse(`${at}: the reference to copy points to an artifact that no longer exists`);
    if (same(source, target)) continue;
    steps.push({
      index,
      componentId: sel.componentId,
      component,
      slot: sel.slot,
      source: source ?? null,
    });
    changes.push({
      component,
      what: `reference ${sel.slot}`,
      before: target ? target.label : undefined,
      after: source ? source.label : undefined,
    });
  }
  return { steps, changes };
}
