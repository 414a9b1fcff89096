// Instances for the save bench's components: what the inspector starts a new instance from
// (the bundle's defaults, server/domain/instances/shown.ts), with the values of the bundle's
// first preset on top when the defaults alone leave a required param unset. A bundle whose
// params still do not validate gets no instances.
import { mergeParams, schemaDefaults } from "@/server/domain/access/params";
import { createAjv } from "@/server/bundles/json-schema";
import { bundleRef, type DiagramComponent, type InstanceConfig } from "@/server/domain/graph/types";
import type { DiagramCatalog } from "../canvas/setup";

/** Per component, a hand-set (preset: null) instance in each of `environments`. */
export function defaultInstances(catalog: DiagramCatalog, environments: readonly string[]) {
  const ajv = createAjv();
  const params = new Map<string, Record<string, unknown> | null>();
  for (const b of catalog.bundles) {
    const valid = ajv.compile(b.params);
    const defaults = schemaDefaults(b.params);
    const preset = b.presets[0]?.versions.at(-1)?.values ?? {};
    const fitting = [defaults, mergeParams(defaults, preset)].find((p) => valid(p));
    params.set(bundleRef(b.name, b.version), fitting ?? null);
  }
  return (c: DiagramComponent): Record<string, InstanceConfig> | undefined => {
    const fitting = params.get(bundleRef(c.bundle, c.version));
    if (!fitting) return undefined;
    return Object.fromEntries(
      environments.map((e) => [e, { params: structuredClone(fitting), preset: null }]),
    );
  };
}
