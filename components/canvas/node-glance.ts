// What a component's badges say about its instance in one environment, from data the canvas
// already holds (the diagram's instances and the catalog's presets): the preset update an ops
// engineer offered, fields the preset locks, and fields that deviate from it. Pure.
import { shownInstance } from "@/server/domain/instances/shown";
import type { EnvironmentRef } from "@/server/domain/presets/types";
import { deviations } from "@/server/domain/presets/upgrade";
import { availableUpgrade, pinnedPreset } from "@/server/domain/presets/usable";
import type { InstanceConfig } from "@/server/domain/graph/types";
import type { BundleView } from "./catalog-view";

export interface PresetGlance {
  preset: string;
  version: number;
  /** The version offered above the pinned one, or null. */
  upgrade: number | null;
  locked: string[];
  deviating: string[];
}

export function presetGlance(
  config: InstanceConfig | undefined,
  bundle: Pick<BundleView, "params" | "presets">,
  environment: EnvironmentRef | undefined,
): PresetGlance | null {
  const shown = shownInstance(config, bundle.params, bundle.presets, environment);
  const pinned = pinnedPreset(bundle.presets, shown);
  if (!pinned) return null;
  return {
    preset: pinned.preset.name,
    version: pinned.version.version,
    upgrade: availableUpgrade(pinned.preset, pinned.version.version)?.version ?? null,
    locked: Object.entries(pinned.version.rules)
      .filter(([, r]) => r.mode === "locked")
      .map(([path]) => path)
      .sort(),
    deviating: deviations(shown.params, pinned.version).map((d) => d.path),
  };
}
