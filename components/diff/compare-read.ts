// The compare answer as the view reads it, without React. The answer carries only what differs
// (a drawn component or line it does not list is the same on both sides), each bundle version's
// icon and slots once, and lines without a colour (their producer's output slot has it): these
// lookups give each part of the view what it shows, built once per answer. Tested directly.
import type { CompareResultDto } from "@/server/compare/schemas";
import type { ComponentDiff, LinkDiff } from "@/server/domain/diff/types";
import { bundleRef } from "@/server/domain/graph/types";

type Drawing = CompareResultDto["diagram"];
type DrawnComponent = Drawing["components"][number];
type DrawnLink = Drawing["links"][number];
type DrawnBundle = Drawing["bundles"][string];

/** A line whose producer's slot is unknown (a broken line), as the editor draws it. */
export const GREY = "#64748b";

const NO_BUNDLE: DrawnBundle = { icon: "box", inputs: [], outputs: [] };

export interface CompareRead {
  result: CompareResultDto;
  /** Every drawn component's difference, in drawing order (`same` where the answer lists none). */
  components: ComponentDiff[];
  /** Those that differ, in the answer's order (by name). */
  differing: ComponentDiff[];
  /** A drawn component's difference, by id. */
  component(id: string): ComponentDiff | undefined;
  /** A drawn line's difference (a same one's policies come from its group), by id. */
  link(id: string): LinkDiff | undefined;
  /** Every drawn line's difference with its ends (component ids). */
  lines: (LinkDiff & { from: string; to: string })[];
  bundle(component: DrawnComponent): DrawnBundle;
  /** The colour of the producer's output slot. */
  lineColor(link: DrawnLink): string;
}

export function readCompare(result: CompareResultDto): CompareRead {
  const { diff, diagram } = result;
  const drawn = new Map(diagram.components.map((c) => [c.id, c]));
  const bundle = (c: DrawnComponent) =>
    diagram.bundles[bundleRef(c.bundle, c.version)] ?? NO_BUNDLE;

  const differing: ComponentDiff[] = diff.components.map(
    ({ componentId, name, status, changes }) => {
      const c = drawn.get(componentId);
      return {
        componentId,
        name: name ?? c?.name ?? componentId,
        bundle: c?.bundle ?? "",
        status,
        changes,
      };
    },
  );
  const byComponent = new Map<string, ComponentDiff>(differing.map((d) => [d.componentId, d]));
  const components = diagram.components.map((c) => {
    const known = byComponent.get(c.id);
    if (known) return known;
    const same: ComponentDiff = {
      componentId: c.id,
      name: c.name,
      bundle: c.bundle,
      status: "same",
      changes: [],
    };
    byComponent.set(c.id, same);
    return same;
  });

  const byLink = new Map<string, LinkDiff>(diff.links.map((l) => [l.linkId, l]));
  for (const { policies, links } of diff.sameLinks)
    for (const linkId of links)
      byLink.set(linkId, { linkId, status: "same", left: policies, right: policies });
  const lines = diagram.links.flatMap((l) => {
    const d = byLink.get(l.id);
    return d ? [{ ...d, from: l.from, to: l.to }] : [];
  });

  return {
    result,
    components,
    differing,
    component: (id) => byComponent.get(id),
    link: (id) => byLink.get(id),
    lines,
    bundle,
    lineColor: (l) => {
      const producer = drawn.get(l.from);
      const slot = producer && bundle(producer).outputs.find((s) => s.key === l.fromArtifact);
      return slot?.color ?? GREY;
    },
  };
}
