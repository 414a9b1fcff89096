// A fork copies each instance's preset pin, but the target environment decides which presets
// it allows (and, with the organization's guardrail, whether custom values are enough). A pin
// the target refuses is replaced by the bundle's default preset for that environment — the
// one a new instance there starts on — with its values, so production-only pins never land
// in a preview and Development pins never land in production.
import { defaultPreset, environmentRefusal } from "./pin-rules";
import type { EnvironmentRef } from "./types";
import type { UsablePreset } from "./usable";

export interface PinnedCopy {
  componentName: string;
  bundle: string;
  params: unknown;
  presetVersionId: string | null;
}

/**
 * What a fork did to one instance's pin: `to` is null when no preset fits and the instance is left
 * unconfigured.
 */
export interface ReplacedPin {
  component: string;
  from: string;
  to: string | null;
}

/**
 * The instances as the target may hold them, and the pins replaced on the way. Instances
 * whose pin the target refuses and for which no preset fits are left out (unconfigured).
 */
export function refitPins<T extends PinnedCopy>(
  instances: readonly T[],
  presets: readonly UsablePreset[],
  target: EnvironmentRef,
  requireProductionPresets: boolean,
): { instances: T[]; replaced: ReplacedPin[] } {
  const kept: T[] = [];
  const replaced: ReplacedPin[] = [];
  for (const instance of instances) {
    const own = presets.filter((p) => p.bundle === instance.bundle);
    const pinned =
      instance.presetVersionId === null
        ? null
        : own
            .flatMap((p) => p.versions.map((v) => ({ p, v })))
            .find(({ v }) => v.id === instance.presetVersionId);
    // A pin to something no longer published is left for the canvas to show; the rules judge it on
    // its next write.
    if (instance.presetVersionId !== null && !pinned) {
      kept.push(instance);
      continue;
    }
    if (!environmentRefusal(pinned?.v ?? null, target, requireProductionPresets)) {
      kept.push(instance);
      continue;
    }
    const from = pinned ? `${pinned.p.name} v${pinned.v.version}` : "custom values";
    const chosen = defaultPreset(own, target);
    replaced.push({
      component: instance.componentName,
      from,
      to: chosen ? `${chosen.preset.name} v${chosen.version.version}` : null,
    });
    if (chosen)
      kept.push({
        ...instance,
        params: structuredClone(chosen.version.values),
        presetVersionId: chosen.version.id,
      });
  }
  return { instances: kept, replaced };
}
