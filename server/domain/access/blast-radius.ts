// The blast radius of a component on the canvas: what it can reach (lines where it is the
// consumer) and who can reach it (lines where it is the producer), with the policies on
// each line. Works on the diagram alone, so the canvas can highlight lines without a
// round trip; rendered grants come from `resolveInstance`.
import type { ArtifactTypeDefinition, BundleDefinition } from "../catalog/types";
import { bundleRef, linkPoliciesIn, type Diagram } from "../graph/types";
import { grantedPolicies } from "./policies";

interface BlastRadiusLink {
  linkId: string;
  /** The other end of the line. */
  peer: { componentId: string; name: string };
  /** The consumer's input slot. */
  slot: string;
  type: string;
  /** Policies the line grants (the type's first when none was chosen); empty for types without policies. */
  policies: { id: string; title: string; description: string }[];
}

export interface BlastRadius {
  /** "This component can reach …": lines where it is the consumer. */
  outgoing: BlastRadiusLink[];
  /** "Who can reach this": lines where it is the producer. */
  incoming: BlastRadiusLink[];
  /** Every line involved, for highlighting. */
  linkIds: string[];
}

export interface BlastRadiusCatalog {
  /** Bundles by `name@version` (`bundleRef`). */
  bundles: ReadonlyMap<string, BundleDefinition>;
  artifactTypes: ReadonlyMap<string, ArtifactTypeDefinition>;
}

/**
 * Lines in and out of `componentId`, with the policies they grant in `environment` (that
 * environment's choice, else those it was drawn with). Lines whose slot or type is no longer in the
 * catalog are still listed (type `""`, no policies): a broken line is shown, never dropped.
 */
export function blastRadius(
  diagram: Diagram,
  componentId: string,
  catalog: BlastRadiusCatalog,
  environment?: string,
): BlastRadius {
  const components = new Map(diagram.components.map((c) => [c.id, c]));
  const entry = (link: Diagram["links"][number], peerId: string): BlastRadiusLink => {
    const consumer = components.get(link.to);
    const bundle = consumer
      ? catalog.bundles.get(bundleRef(consumer.bundle, consumer.version))
      : undefined;
    const typeName = bundle?.connections.find((s) => s.key === link.toSlot)?.type ?? "";
    const type = catalog.artifactTypes.get(typeName);
    const peer = components.get(peerId);
    return {
      linkId: link.id,
      peer: { componentId: peerId, name: peer?.name ?? peerId },
      slot: link.toSlot,
      type: typeName,
      policies: type
        ? grantedPolicies(
            type.policies,
            environment ? linkPoliciesIn(link, environment) : link.policies,
          ).map(({ id, title, description }) => ({ id, title, description }))
        : [],
    };
  };
  const outgoing = diagram.links.filter((l) => l.to === componentId).map((l) => entry(l, l.from));
  const incoming = diagram.links.filter((l) => l.from === componentId).map((l) => entry(l, l.to));
  return { outgoing, incoming, linkIds: [...outgoing, ...incoming].map((l) => l.linkId) };
}
