// The catalog as an organization sees it — every bundle version, artifact type and usable
// preset, and its guardrail settings — read in one place. A diagram save reads it once and
// hands it on (to the rules, then to the environment history); compare, the canvas and the
// resolver read it here too.
import type { Tx } from "../db";
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import { bundleRef } from "../domain/graph/types";
import type { UsablePreset } from "../domain/presets/usable";
import { listArtifactTypes } from "../repositories/catalog-reads";
import { catalogStamp } from "../repositories/catalog-stamp";
import { listBundleVersionDefinitions } from "../repositories/diagram";
import { organizationSettings } from "../repositories/organization-settings";
import { organizationPresets } from "./presets";

export interface Catalog {
  /** Whose catalog this is (an organization's own imports are in it; another's are not). */
  organizationId: string;
  /** `name@version` (bundleRef) → definition. */
  bundles: ReadonlyMap<string, BundleDefinition>;
  /** Artifact type name → definition. */
  types: ReadonlyMap<string, ArtifactTypeDefinition>;
  presets: readonly UsablePreset[];
  settings: { requireProductionPresets: boolean; refuseProductionReferences: boolean };
}

// The catalogs read last, by organization, with the stamp of what they were read from. A reader
// whose stamp (taken in its own transaction) matches gets the same object: nothing it was made
// of has changed. Catalogs are never mutated after they are built.
const KEPT_ORGANIZATIONS = 64;
const kept = new Map<string, { stamp: string; catalog: Catalog }>();

/** `organizationId`'s catalog; `tx` reads it inside a change's transaction. */
export async function loadCatalog(organizationId: string, tx?: Tx): Promise<Catalog> {
  const stamp = await catalogStamp(organizationId, tx);
  const hit = kept.get(organizationId);
  if (hit?.stamp === stamp) return hit.catalog;
  const catalog = await readCatalog(organizationId, tx);
  kept.delete(organizationId);
  if (kept.size >= KEPT_ORGANIZATIONS) kept.delete(kept.keys().next().value!);
  kept.set(organizationId, { stamp, catalog });
  return catalog;
}

async function readCatalog(organizationId: string, tx?: Tx): Promise<Catalog> {
  const [definitions, types, presets, settings] = await Promise.all([
    listBundleVersionDefinitions(organizationId, tx),
    listArtifactTypes(organizationId, tx),
    organizationPresets(organizationId, tx),
    organizationSettings(organizationId, tx),
  ]);
  return {
    organizationId,
    bundles: new Map(definitions.map((d) => [bundleRef(d.name, d.version), d])),
    types: new Map(types.map((t) => [t.name, t])),
    presets,
    settings,
  };
}

/** A bundle version of the catalog, or undefined when the organization cannot see it. */
export function catalogBundle(
  catalog: Catalog,
  name: string,
  version: string,
): BundleDefinition | undefined {
  return catalog.bundles.get(bundleRef(name, version));
}
