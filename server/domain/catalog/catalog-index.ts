// A precomputed lookup over a loaded catalog. The canvas asks "what type is this handle?"
// on every pointer move while dragging a line, so every answer here is a Map lookup.
import type {
  ArtifactSlot,
  ArtifactTypeDefinition,
  BundleDefinition,
  ConnectionSlot,
} from "./types";

export interface CatalogIndex {
  bundles: ReadonlyMap<string, BundleDefinition>;
  artifactTypes: ReadonlyMap<string, ArtifactTypeDefinition>;
  /** `bundle\u0000slot` → input slot. */
  inputs: ReadonlyMap<string, ConnectionSlot>;
  /** `bundle\u0000slot` → output slot. */
  outputs: ReadonlyMap<string, ArtifactSlot>;
}

// NUL cannot appear in a bundle name or slot key, so the composite key is unambiguous.
const slotKey = (bundle: string, slot: string) => `${bundle}\u0000${slot}`;

/** Build the index once per catalog load; it is immutable afterwards. */
export function buildCatalogIndex(
  bundles: BundleDefinition[],
  artifactTypes: ArtifactTypeDefinition[],
): CatalogIndex {
  const inputs = new Map<string, ConnectionSlot>();
  const outputs = new Map<string, ArtifactSlot>();
  for (const bundle of bundles) {
    for (const slot of bundle.connections) inputs.set(slotKey(bundle.name, slot.key), slot);
    for (const slot of bundle.artifacts) outputs.set(slotKey(bundle.name, slot.key), slot);
  }
  return {
    bundles: new Map(bundles.map((b) => [b.name, b])),
    artifactTypes: new Map(artifactTypes.map((t) => [t.name, t])),
    inputs,
    outputs,
  };
}

export function inputSlot(
  index: CatalogIndex,
  bundle: string,
  slot: string,
): ConnectionSlot | undefined {
  return index.inputs.get(slotKey(bundle, slot));
}
