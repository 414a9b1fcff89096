// Which environments may use a preset version.
import type { AllowedEnvironments, EnvironmentRef } from "./types";

const CLASS_LABEL = { production: "production", non_production: "non-production" } as const;

/** True when the version may be used in `environment` (no lists means every environment). */
export function allowedIn(allowed: AllowedEnvironments, environment: EnvironmentRef): boolean {
  const classes = allowed.classes ?? [];
  const named = allowed.environments ?? [];
  if (classes.length === 0 && named.length === 0) return true;
  return classes.includes(environment.class) || named.includes(environment.slug);
}

/** `every environment`, `production environments`, `staging, qa` … */
export function describeAllowed(allowed: AllowedEnvironments): string {
  const parts = [
    ...(allowed.classes ?? []).map((c) => `${CLASS_LABEL[c]} environments`),
    ...(allowed.environments ?? []),
  ];
  return parts.length === 0 ? "every environment" : parts.join(", ");
}
