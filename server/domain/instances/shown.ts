// How a component reads in one environment, with or without an instance row. Rows appear on
// first edit, so until then everyone — the canvas form, compare and history, the Runtime and
// Access tabs, and a secret or deployment that creates the row — must agree on what it holds:
// the first of the bundle's presets whose newest version the environment allows, else the
// bundle's schema defaults. One rule, here, for all of them.
import { schemaDefaults } from "../access/params";
import type { JsonSchema } from "../catalog/types";
import type { InstanceConfig } from "../graph/types";
import { defaultPreset } from "../presets/pin-rules";
import type { EnvironmentRef, PresetVersionRules } from "../presets/types";

/** A preset with its published versions, newest first (`UsablePreset` and its DTO fit). */
export interface PresetOption<V extends PresetVersionRules> {
  name: string;
  versions: readonly V[];
}

export interface StartingInstance<V> {
  config: InstanceConfig;
  /** The preset version it starts on (a row created for it is pinned to this), or null. */
  version: V | null;
}

/**
 * What an instance of a bundle starts from in `environment`: its first preset (of `presets`,
 * that bundle's in catalog order) allowed there, at the newest version, else schema defaults
 * (nested ones included). Without an environment every preset counts as allowed.
 */
export function startingInstance<V extends PresetVersionRules>(
  params: JsonSchema,
  presets: readonly PresetOption<V>[],
  environment: EnvironmentRef | undefined,
): StartingInstance<V> {
  const chosen = defaultPreset(presets, environment);
  if (!chosen) return { config: { params: schemaDefaults(params), preset: null }, version: null };
  return {
    config: {
      params: structuredClone(chosen.version.values),
      preset: chosen.preset.name,
      presetVersion: chosen.version.version,
    },
    version: chosen.version,
  };
}

/** The configuration shown for a component in an environment: its row's, else its starting one. */
export function shownInstance<V extends PresetVersionRules>(
  row: InstanceConfig | undefined,
  params: JsonSchema,
  presets: readonly PresetOption<V>[],
  environment: EnvironmentRef | undefined,
): InstanceConfig {
  return row ?? startingInstance(params, presets, environment).config;
}
