// The presets an organization's instances may name, as every reader needs them (diagram
// rules, canvas catalog, resolver, secrets): built-in and own, published versions only.
import type { Tx } from "../db";
import type { InstanceConfig } from "../domain/graph/types";
import {
  pinnedPreset,
  usablePresets,
  type UsablePreset,
  type UsableVersion,
} from "../domain/presets/usable";
import { listPresets } from "../repositories/presets";

export async function organizationPresets(
  organizationId: string,
  tx?: Tx,
): Promise<UsablePreset[]> {
  return usablePresets(await listPresets(organizationId, undefined, tx));
}

/** The version an instance config is pinned to (the newest when it names none), or null. */
export function pinnedVersion(
  presets: readonly UsablePreset[],
  bundle: string,
  config: Pick<InstanceConfig, "preset" | "presetVersion"> | undefined,
): UsableVersion | null {
  return pinnedPreset(presets, config, bundle)?.version ?? null;
}
