// A valid, unique component name for a newly placed bundle: the bundle name without its
// provider prefix, shortened to fit, numbered when taken ("rds-postgres", "rds-postgres-2").
import { COMPONENT_NAME_PATTERN } from "./ops";

const PREFIXES = /^(aws|gcp|azure|local|k8s)-/;
const MAX = 20;

export function uniqueComponentName(bundle: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let base =
    bundle
      .replace(PREFIXES, "")
      .replace(/[^a-z0-9-]/g, "-")
      .replace(/^[^a-z]+/, "") || "component";
  base = base.slice(0, MAX).replace(/-+$/, "");
  if (!used.has(base) && COMPONENT_NAME_PATTERN.test(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const name = `${base.slice(0, MAX - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!used.has(name) && COMPONENT_NAME_PATTERN.test(name)) return name;
  }
}
