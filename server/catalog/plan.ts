// What a sync would write, decided from the loaded catalog and what the database holds.
// Pure, so the rules (immutable versions, idempotence) are tested without a database.
import semver from "semver";
import { canonicalJson } from "../bundles/digest";
import type {
  ArtifactTypeDefinition,
  BundleDefinition,
  CatalogError,
} from "../domain/catalog/types";
import type { AllowedEnvironments } from "../domain/presets/types";
import { presetKey, typeKey, type StoredState } from "../repositories/catalog";

interface PresetWrite {
  bundleName: string;
  name: string;
  description: string;
  values: Record<string, unknown>;
  allowed: AllowedEnvironments;
  version: number;
}

export interface SyncPlan {
  bundleVersions: { definition: BundleDefinition; isLatest: boolean }[];
  artifactTypes: ArtifactTypeDefinition[];
  presets: PresetWrite[];
  refused: CatalogError[];
}

export function planIsEmpty(plan: SyncPlan): boolean {
  return (
    plan.bundleVersions.length === 0 && plan.artifactTypes.length === 0 && plan.presets.length === 0
  );
}

/** Where a definition came from: the importer writes Massdriver conversions under `imported/`. */
export function sourceOf(def: { source: string }): string {
  return def.source.startsWith("imported/") ? "massdriver" : "patchbay";
}

function storedVersions(state: StoredState, name: string): string[] {
  const prefix = `${name}@`;
  return [...state.bundleVersions.keys()]
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
}

export function planSync(
  catalog: { bundles: BundleDefinition[]; artifactTypes: ArtifactTypeDefinition[] },
  state: StoredState,
): SyncPlan {
  const plan: SyncPlan = { bundleVersions: [], artifactTypes: [], presets: [], refused: [] };

  for (const type of catalog.artifactTypes) {
    if (!state.artifactTypes.has(typeKey(type.name, type.digest))) plan.artifactTypes.push(type);
  }

  for (const bundle of catalog.bundles) {
    const ref = `${bundle.name}@${bundle.version}`;
    const stored = state.bundleVersions.get(ref);
    if (stored !== undefined && stored !== bundle.digest) {
      plan.refused.push({
        file: bundle.source,
        path: "/version",
        rule: "published-version-changed",
        message: `bundle ${ref} changed after it was published: bump its version`,
      });
      continue;
    }
    const others = storedVersions(state, bundle.name);
    const isLatest = others.every((v) => !semver.valid(v) || semver.gte(bundle.version, v));
    if (stored === undefined) plan.bundleVersions.push({ definition: bundle, isLatest });
    // Built-in presets follow the newest version only: an old version on disk must not roll them
    // back.
    if (!isLatest) continue;
    for (const preset of bundle.presets) {
      const current = state.builtInPresets.get(presetKey(bundle.name, preset.name));
      const allowed = preset.allowed ?? {};
      // A new version when the values or the allowed environments changed.
      if (
        current &&
        canonicalJson(current.values) === canonicalJson(preset.values) &&
        canonicalJson(current.allowed ?? {}) === canonicalJson(allowed)
      )
        continue;
      plan.presets.push({
        bundleName: bundle.name,
        name: preset.name,
        description: preset.description,
        values: preset.values,
        allowed,
        version: (current?.version ?? 0) + 1,
      });
    }
  }
  return plan;
}
