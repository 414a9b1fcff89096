// Which preset an instance may be pinned to, and who may change the pin. Two rules, one
// place: every write path (canvas edits, promote, upgrades, fork, the raw API) reaches them
// through applyOps or uses them directly, and the canvas calls the same functions to explain.
//  - Onto: a version the environment does not allow is refused for everybody, and with the
//    organization's guardrail on a production-class environment refuses custom values.
//  - Off: an instance pinned to a version that binds it (any lock or narrowing) may only be
//    moved off it — to another preset, to custom values, to an older version, or removed —
//    by ops or the owner: dropping or loosening a lock is an ops decision. Moving to a newer
//    version of the same preset (an upgrade ops published) is anyone's.
import { atLeast, type Role } from "../roles";
import { allowedIn, describeAllowed } from "./allowed";
import { presetLabel } from "./rules";
import type { EnvironmentRef, PresetVersionRules } from "./types";

/** A pin as a config names it; a missing version means the newest. */
export interface Pin {
  preset: string | null;
  presetVersion?: number;
}

/**
 * "locks a, b and narrows c" — the guardrails that bind an instance to `version`; empty when none
 * do.
 */
export function describeBinding(version: Pick<PresetVersionRules, "rules">): string {
  const paths = (mode: string) =>
    Object.entries(version.rules)
      .filter(([, r]) => r.mode === mode)
      .map(([path]) => path)
      .sort();
  const locked = paths("locked");
  const narrowed = paths("narrowed");
  return [
    locked.length ? `locks ${locked.join(", ")}` : "",
    narrowed.length ? `narrows ${narrowed.join(", ")}` : "",
  ]
    .filter(Boolean)
    .join(" and ");
}

/** True when `version` has any lock or narrowing: its consumers are bound to it. */
export function binds(version: Pick<PresetVersionRules, "rules"> | null | undefined): boolean {
  return !!version && Object.keys(version.rules).length > 0;
}

/** True when `next` keeps the instance on `current`'s preset at the same or a newer version. */
function staysOn(
  current: Pick<PresetVersionRules, "name" | "version">,
  next: Pin,
  nextVersion: number | undefined,
): boolean {
  return (
    next.preset === current.name && (nextVersion ?? Number.POSITIVE_INFINITY) >= current.version
  );
}

/**
 * Why `role` may not move `component` from its pinned version `current` to `next` (whose
 * resolved version number is `nextVersion`), or null when it may. `next: null` means removing
 * the instance (the component) altogether.
 */
export function repinRefusal(input: {
  component: string;
  current: PresetVersionRules | null;
  next: Pin | null;
  nextVersion?: number;
  role: Role;
  environment?: string;
}): string | null {
  const { component, current, next, role } = input;
  if (!current || !binds(current) || atLeast(role, "ops")) return null;
  if (next && staysOn(current, next, input.nextVersion)) return null;
  const where = input.environment ? ` in ${input.environment}` : "";
  const pinned = `"${component}" is pinned to ${presetLabel(current)}${where}, which ${describeBinding(current)}`;
  const move =
    next === null
      ? "removing it"
      : next.preset === current.name
        ? `moving it back to v${input.nextVersion}`
        : "moving it off that preset";
  return `${pinned}; ${move} is an ops action (you are ${role})`;
}

/**
 * Why `version` (null: custom values) may not be used in `environment`, or null when it may:
 * the version's allowed environments, then the organization's production guardrail.
 */
export function environmentRefusal(
  version: PresetVersionRules | null,
  environment: EnvironmentRef | undefined,
  requireProductionPresets: boolean,
): string | null {
  if (!environment) return null;
  if (version === null) {
    return requireProductionPresets && environment.class === "production"
      ? `${environment.slug} is a production environment: this organization requires a preset allowed in production`
      : null;
  }
  if (allowedIn(version.allowed, environment)) return null;
  return `${presetLabel(version)} may only be used in ${describeAllowed(version.allowed)}; ${environment.slug} is ${environment.class === "production" ? "production" : "non-production"}`;
}

/**
 * The preset a new instance in `environment` starts on: the first of `presets` (one bundle's,
 * in catalog order) whose newest version the environment allows; null when none does.
 */
export function defaultPreset<P extends { versions: readonly PresetVersionRules[] }>(
  presets: readonly P[],
  environment: EnvironmentRef | undefined,
): { preset: P; version: P["versions"][number] } | null {
  for (const preset of presets) {
    const newest = preset.versions[0];
    if (newest && (!environment || allowedIn(newest.allowed, environment)))
      return { preset, version: newest };
  }
  return null;
}
