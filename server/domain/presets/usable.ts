// Which presets an organization's instances may name: the built-in ones and its own, where
// its own preset of a built-in's name wins, with their published versions. The server's
// diagram rules and the canvas build the same lookup from this list.
import type { PresetLookup } from "../graph/instance-rules";
import type { Role } from "../roles";
import type { AllowedEnvironments, EnvironmentRef, PresetRules, PresetVersionRules } from "./types";

export interface UsableVersion extends PresetVersionRules {
  id: string;
  rationale: string;
  /** Offered to instances pinned to older versions ("preset update available"). */
  offered: boolean;
}

export interface UsablePreset {
  id: string;
  bundle: string;
  name: string;
  description: string;
  builtIn: boolean;
  /** Published versions, newest first; never empty. */
  versions: UsableVersion[];
}

interface StoredPreset {
  id: string;
  organizationId: string | null;
  bundle: string;
  name: string;
  description: string;
  builtIn: boolean;
  versions: {
    id: string;
    version: number;
    status: string;
    values: Record<string, unknown>;
    rules: PresetRules;
    allowed: AllowedEnvironments;
    rationale: string;
    offeredAt: Date | string | null;
  }[];
}

/** Presets with at least one published version, the organization's own winning over a built-in of the same name. */
export function usablePresets(stored: readonly StoredPreset[]): UsablePreset[] {
  const byKey = new Map<string, UsablePreset>();
  for (const p of stored) {
    const versions = p.versions
      .filter((v) => v.status === "published")
      .sort((a, b) => b.version - a.version)
      .map((v) => ({
        id: v.id,
        name: p.name,
        version: v.version,
        values: v.values,
        rules: v.rules,
        allowed: v.allowed,
        rationale: v.rationale,
        offered: v.offeredAt !== null,
      }));
    if (versions.length === 0) continue;
    const key = `${p.bundle}\u0000${p.name}`;
    if (byKey.has(key) && p.organizationId === null) continue;
    byKey.set(key, {
      id: p.id,
      bundle: p.bundle,
      name: p.name,
      description: p.description,
      builtIn: p.builtIn,
      versions,
    });
  }
  return [...byKey.values()];
}

/** Who stands behind a preset, for "locked by preset X (ops)". */
export const presetAuthor = (p: { builtIn: boolean }) => (p.builtIn ? "built-in" : "ops");

/** The newest version offered (or, when none is, nothing) above `version`: what "preset update available" points at. */
export function availableUpgrade(preset: UsablePreset, version: number): UsableVersion | null {
  return preset.versions.find((v) => v.version > version && v.offered) ?? null;
}

/** A preset's version by number, else its newest published one; null when there is no such version. */
function versionOf(preset: UsablePreset, version?: number): UsableVersion | null {
  return (
    (version === undefined
      ? preset.versions[0]
      : preset.versions.find((v) => v.version === version)) ?? null
  );
}

/** The preset and version an instance config names (the newest when it names no version); `bundle` narrows a list of several bundles'. */
export function pinnedPreset(
  presets: readonly UsablePreset[],
  config: { preset: string | null; presetVersion?: number } | undefined,
  bundle?: string,
): { preset: UsablePreset; version: UsableVersion } | null {
  const preset = config?.preset
    ? presets.find((p) => p.name === config.preset && (bundle === undefined || p.bundle === bundle))
    : undefined;
  const version = preset ? versionOf(preset, config!.presetVersion) : null;
  return preset && version ? { preset, version } : null;
}

/** The diagram rules' view of `presets`, for a change made by someone with `role`. */
export function presetLookup(
  presets: readonly UsablePreset[],
  environments: ReadonlyMap<string, EnvironmentRef>,
  requireProductionPresets: boolean,
  role: Role,
): PresetLookup {
  const byKey = new Map(presets.map((p) => [`${p.bundle}\u0000${p.name}`, p]));
  return {
    find: (bundle, name, version) => {
      const preset = byKey.get(`${bundle}\u0000${name}`);
      return preset ? versionOf(preset, version) : null;
    },
    environment: (id) => environments.get(id),
    requireProductionPresets,
    role,
  };
}
