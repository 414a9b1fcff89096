// The diagram of a project as pure data: shared by every environment (parity). Positions and
// names live on components; per-environment configuration lives on instances, per-environment
// policy choices on the links they belong to. The canvas
// store and the server both hold this shape and change it only through `applyOps`.
import type { ArtifactSlot, ConnectionSlot } from "../catalog/types";

export interface DiagramComponent {
  id: string;
  name: string;
  bundle: string;
  /** The exact bundle version this component is pinned to. */
  version: string;
  x: number;
  y: number;
}

export interface DiagramLink {
  id: string;
  from: string;
  /** Output slot (artifact key) of the producer. */
  fromArtifact: string;
  to: string;
  /** Input slot (connection key) of the consumer. */
  toSlot: string;
  /**
   * Named policies the link was drawn with: what it grants its consumer in every environment
   * without a choice of its own (`[]` means the least privileged one).
   */
  policies: string[];
  /**
   * Policies chosen for one environment (environment id → ids), set by `setLinkPolicy`: so
   * staging can read while production writes. Absent when no environment has a choice.
   */
  policiesIn?: Record<string, string[]>;
}

/** One component's configuration in one environment. */
export interface InstanceConfig {
  params: Record<string, unknown>;
  /** Name of the preset in use, or null for hand-set values. */
  preset: string | null;
  /**
   * The published version of `preset` the instance is pinned to. Absent when written means
   * the newest one; loaded instances always carry it. Moving to another version is an
   * explicit change (a preset upgrade).
   */
  presetVersion?: number;
}

export interface Diagram {
  components: DiagramComponent[];
  links: DiagramLink[];
  /** componentId → environmentId → configuration. */
  instances: Record<string, Record<string, InstanceConfig>>;
}

/** The slots of one bundle version, as the type checker needs them. */
export interface BundleSlots {
  inputs: ReadonlyMap<string, ConnectionSlot>;
  outputs: ReadonlyMap<string, ArtifactSlot>;
}

/** What the graph rules know about the catalog: `name@version` → slots; type → orientation. */
export interface SlotCatalog {
  bundles: ReadonlyMap<string, BundleSlots>;
  /** Types supplied per environment (credentials, networks): an empty required slot is fine. */
  environmentTypes: ReadonlySet<string>;
}

export const bundleRef = (bundle: string, version: string) => `${bundle}@${version}`;

/** Build a SlotCatalog from bundle definitions (any objects with name, version and slot lists). */
export function slotCatalog(
  bundles: Iterable<{
    name: string;
    version: string;
    connections: ConnectionSlot[];
    artifacts: ArtifactSlot[];
  }>,
  environmentTypes: Iterable<string> = [],
): SlotCatalog {
  const map = new Map<string, BundleSlots>();
  for (const b of bundles) {
    map.set(bundleRef(b.name, b.version), {
      inputs: new Map(b.connections.map((s) => [s.key, s])),
      outputs: new Map(b.artifacts.map((s) => [s.key, s])),
    });
  }
  return { bundles: map, environmentTypes: new Set(environmentTypes) };
}

/**
 * The policies a link grants in one environment: that environment's choice, else those it was
 * drawn with. `[]` stands for the least privileged policy (`grantedPolicies` resolves it).
 */
export function linkPoliciesIn(link: DiagramLink, environment: string): readonly string[] {
  return link.policiesIn?.[environment] ?? link.policies;
}
