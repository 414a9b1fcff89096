// Promotion: chosen differences of one environment applied to another as diagram
// operations. Whole components copy their configuration (params, preset pin) and the policy
// choices of the links into them; single fields copy one param leaf; a link copies its policy
// choice. The result is ordinary `setInstance` and `setLinkPolicy` operations, so the target's
// presets, locks and offered policies are checked by the same rules as any edit (a locked
// field cannot be promoted over).
import type { SnapshotScope } from "../diff/delta";
import { AppError } from "../errors";
import type { Op } from "../graph/ops";
import { linkPoliciesIn, type Diagram, type InstanceConfig } from "../graph/types";
import { getIn, setIn } from "../presets/values";

export type Selection =
  | { kind: "component"; componentId: string }
  | { kind: "param"; componentId: string; segments: (string | number)[] }
  | { kind: "preset"; componentId: string }
  | { kind: "link"; linkId: string }
  /** A remote reference of one input slot (planned by `planReferencePromotion`). */
  | { kind: "reference"; componentId: string; slot: string };

export interface PromotedChange {
  component: string;
  /** The component whose params `field` addresses (absent for line policy changes). */
  componentId?: string;
  /** The param path changed: one field, or `[]` for the whole configuration. */
  field?: (string | number)[];
  what: string;
  before: unknown;
  after: unknown;
}

export interface PromotionPlan {
  ops: Op[];
  changes: PromotedChange[];
}

const fieldPath = (segments: readonly (string | number)[]) =>
  segments
    .map((s) => (typeof s === "number" ? `[${s}]` : s))
    .join(".")
    .replace(/\.\[/g, "[");

/**
 * The operations that make `to` match `from` for every selection, and what each changes.
 * Refuses (BAD_REQUEST naming the selection) components or lines not on the diagram.
 */
export function planPromotion(
  diagram: Diagram,
  from: string,
  to: string,
  selections: readonly Selection[],
): PromotionPlan {
  const configs = new Map<string, InstanceConfig>();
  /** Link id → the choice the target gets (null: none of its own, as in the source). */
  const choices = new Map<string, string[] | null>();
  const changes: PromotedChange[] = [];
  const name = (id: string) => diagram.components.find((c) => c.id === id)?.name;
  const target = (componentId: string): InstanceConfig => {
    const existing = configs.get(componentId) ??
      diagram.instances[componentId]?.[to] ?? { params: {}, preset: null };
    return structuredClone(existing);
  };
  const refuse = (i: number, message: string): never => {
    throw new AppError("BAD_REQUEST", `selections.${i}: ${message}`, {
      fields: { [`selections.${i}`]: [message] },
    });
  };

  selections.forEach((sel, i) => {
    if (sel.kind === "reference") return; // not a diagram operation: see ./references.ts
    if (sel.kind === "link") {
      const link =
        diagram.links.find((l) => l.id === sel.linkId) ??
        refuse(i, "is not a line of this diagram");
      const before = linkPoliciesIn(link, to);
      const after = linkPoliciesIn(link, from);
      choices.set(link.id, link.policiesIn?.[from] ? [...after] : null);
      changes.push({
        component: name(link.to)!,
        what: `line ${name(link.from)}.${link.fromArtifact} → ${name(link.to)}.${link.toSlot} policies`,
        before: [...before],
        after: [...after],
      });
      return;
    }
    if (!name(sel.componentId)) refuse(i, "is not a component of this diagram");
    const source: InstanceConfig = diagram.instances[sel.componentId]?.[from] ?? {
      params: {},
      preset: null,
    };
    const config = target(sel.componentId);
    const component = name(sel.componentId)!;
    if (sel.kind === "component") {
      changes.push({
        component,
        componentId: sel.componentId,
        field: [],
        what: "configuration",
        before: {
          preset: config.preset,
          presetVersion: config.presetVersion,
          params: config.params,
        },
        after: {
          preset: source.preset,
          presetVersion: source.presetVersion,
          params: source.params,
        },
      });
      const next: InstanceConfig = {
        params: structuredClone(source.params),
        preset: source.preset,
      };
      if (source.presetVersion !== undefined) next.presetVersion = source.presetVersion;
      configs.set(sel.componentId, next);
      // The source's choices for links into the component come along; the target keeps the rest.
      for (const link of diagram.links) {
        const chosen = link.to === sel.componentId ? link.policiesIn?.[from] : undefined;
        if (chosen && !choices.has(link.id)) choices.set(link.id, [...chosen]);
      }
    } else if (sel.kind === "preset") {
      changes.push({
        component,
        what: "preset",
        before:
          config.preset === null ? null : `${config.preset} v${config.presetVersion ?? "newest"}`,
        after:
          source.preset === null ? null : `${source.preset} v${source.presetVersion ?? "newest"}`,
      });
      config.preset = source.preset;
      if (source.presetVersion === undefined) delete config.presetVersion;
      else config.presetVersion = source.presetVersion;
      configs.set(sel.componentId, config);
    } else {
      if (sel.segments.length === 0) refuse(i, "names no field");
      const after = getIn(source.params, sel.segments);
      changes.push({
        component,
        componentId: sel.componentId,
        field: [...sel.segments],
        what: `params.${fieldPath(sel.segments)}`,
        before: getIn(config.params, sel.segments),
        after,
      });
      config.params = setIn(config.params, sel.segments, after) as Record<string, unknown>;
      configs.set(sel.componentId, config);
    }
  });
  const ops: Op[] = [
    ...[...configs].map(
      ([component, config]): Op => ({ op: "setInstance", component, environment: to, config }),
    ),
    ...[...choices].map(
      ([link, policies]): Op => ({ op: "setLinkPolicy", link, environment: to, policies }),
    ),
  ];
  return { ops, changes };
}

/**
 * The entries whose configuration planning `selections` reads: the components named, the lines
 * chosen, and the lines into a component promoted whole (their policy choices come along). The
 * rest of a diagram's instances can be left unread.
 */
export function promotionScope(
  diagram: Pick<Diagram, "links">,
  selections: readonly Selection[],
): SnapshotScope {
  const components = new Set<string>();
  const links = new Set<string>();
  for (const sel of selections) {
    if (sel.kind === "link") links.add(sel.linkId);
    else if (sel.kind !== "reference") components.add(sel.componentId);
  }
  const whole = new Set(selections.flatMap((s) => (s.kind === "component" ? [s.componentId] : [])));
  for (const link of diagram.links) if (whole.has(link.to)) links.add(link.id);
  return { components, links };
}
