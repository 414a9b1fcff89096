// The rules of one instance write (a component's configuration in one environment): the
// environment must be the project's, params must fit the bundle's schema, and the preset
// rules — allowed environments, locks and narrowing, who may move an instance off a preset
// that binds it — must hold.
import { environmentRefusal, repinRefusal } from "../presets/pin-rules";
import { checkParams } from "../presets/rules";
import type { EnvironmentRef, PresetVersionRules } from "../presets/types";
import type { Role } from "../roles";
import { failOp } from "./op-error";
import type { DiagramComponent, InstanceConfig } from "./types";

export interface PresetLookup {
  /** A published version of a bundle's preset (the newest when `version` is absent), or null. */
  find: (bundle: string, name: string, version?: number) => PresetVersionRules | null;
  /** Slug and class of a project environment, for the allowed-environments rule. */
  environment: (id: string) => EnvironmentRef | undefined;
  /** Organization guardrail: production instances must use a preset allowed in production. */
  requireProductionPresets: boolean;
  /** The caller's role: moving an instance off a preset that binds it is for ops and owners. */
  role: Role;
}

export interface InstanceRules {
  /** Ids of the project's environments: instances may only be set for these. */
  environments: readonly string[];
  /** Checks params against the bundle version's schema; `path` is dotted (`storage.size`). */
  validateParams?: (
    bundle: string,
    version: string,
    params: Record<string, unknown>,
  ) => { path: string; message: string }[];
  /** Published presets and their guardrails; when given, every instance write must pass them. */
  presets?: PresetLookup;
}

/** The version an instance is pinned to, or null (custom values, or a preset gone since). */
function pinnedTo(
  lookup: PresetLookup,
  component: DiagramComponent,
  config: InstanceConfig | undefined,
): PresetVersionRules | null {
  return config?.preset ? lookup.find(component.bundle, config.preset, config.presetVersion) : null;
}

/**
 * The preset rules of one instance write, against the instance's `previous` config (none for
 * a new instance); returns the config with its pinned version filled in.
 */
function checkPreset(
  lookup: PresetLookup,
  i: number,
  component: DiagramComponent,
  environment: string,
  config: InstanceConfig,
  previous: InstanceConfig | undefined,
): InstanceConfig {
  const env = lookup.environment(environment);
  const version =
    config.preset === null
      ? null
      : lookup.find(component.bundle, config.preset, config.presetVersion);
  if (config.preset !== null && !version) {
    const which =
      config.presetVersion === undefined
        ? `"${config.preset}"`
        : `"${config.preset}" v${config.presetVersion}`;
    failOp(i, "preset", `${which} is not a published preset of ${component.bundle}`);
  }
  const current = pinnedTo(lookup, component, previous);
  const moved = repinRefusal({
    component: component.name,
    current,
    next: config,
    nextVersion: version?.version,
    role: lookup.role,
  });
  if (moved) failOp(i, "preset", moved, "preset");
  const refused = environmentRefusal(version, env, lookup.requireProductionPresets);
  if (refused) failOp(i, "preset", refused, "preset");
  if (!version) {
    const { presetVersion: _none, ...rest } = config;
    return rest;
  }
  const [violation] = checkParams(config.params, version);
  if (violation) failOp(i, `params.${violation.path}`, violation.message, "preset");
  return { ...config, presetVersion: version.version };
}

/** Removing a component removes its instances: refused like moving them off a binding preset. */
export function checkRemoval(
  lookup: PresetLookup,
  i: number,
  component: DiagramComponent,
  instances: Record<string, InstanceConfig> | undefined,
) {
  for (const [environment, config] of Object.entries(instances ?? {})) {
    const current = pinnedTo(lookup, component, config);
    const refused = repinRefusal({
      component: component.name,
      current,
      next: null,
      role: lookup.role,
      environment: lookup.environment(environment)?.slug ?? environment,
    });
    if (refused) failOp(i, "id", refused);
  }
}

/** Checks one instance write; returns the config as stored (its pinned preset version set). */
export function checkInstance(
  rules: InstanceRules,
  i: number,
  component: DiagramComponent,
  environment: string,
  config: InstanceConfig,
  previous?: InstanceConfig,
): InstanceConfig {
  if (!rules.environments.includes(environment))
    failOp(i, "environment", "is not an environment of this project");
  const checked = rules.presets
    ? checkPreset(rules.presets, i, component, environment, config, previous)
    : config;
  const [problem] =
    rules.validateParams?.(component.bundle, component.version, config.params) ?? [];
  if (problem) failOp(i, `params.${problem.path}`, problem.message);
  // Only the configuration's own fields are kept: anything else a caller sent is not stored.
  const { params, preset, presetVersion } = checked;
  return presetVersion === undefined ? { params, preset } : { params, preset, presetVersion };
}
