// The rules context: the catalog (server/rules/catalog.ts) as the diagram rules need it —
// slots of every bundle version, the policies each type offers, params validators, and the
// presets and guardrails for the caller's role. Compiled validators are cached by bundle
// digest (a published version never changes), so a mutation compiles a schema at most once
// per process.
import { ajvErrors, compiledSchema } from "../bundles/json-schema";
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import type { ApplyContext } from "../domain/graph/ops";
import type { PresetLookup } from "../domain/graph/instance-rules";
import { bundleRef, slotCatalog } from "../domain/graph/types";
import type { EnvironmentClass } from "../domain/environments";
import { presetLookup } from "../domain/presets/usable";
import type { Role } from "../domain/roles";
import type { Catalog } from "./catalog";

/** Params that break the bundle's schema, as dotted paths with the catalog's wording. */
export function paramProblems(
  def: BundleDefinition,
  params: Record<string, unknown>,
): { path: string; message: string }[] {
  const validate = compiledSchema(`bundle-params:${def.digest}`, def.params);
  if (validate(params)) return [];
  return ajvErrors(def.source, "", "params", validate.errors, def.params).map((e) => ({
    path: e.path.split("/").filter(Boolean).join(".") || "params",
    message: e.message,
  }));
}

function applyContext(
  bundles: BundleDefinition[],
  types: ArtifactTypeDefinition[],
  environments: string[],
  presets: PresetLookup,
): ApplyContext {
  const byRef = new Map(bundles.map((b) => [bundleRef(b.name, b.version), b]));
  const policies = new Map(types.map((t) => [t.name, t.policies]));
  return {
    catalog: slotCatalog(
      bundles,
      types.filter((t) => t.orientation === "environment").map((t) => t.name),
    ),
    environments,
    validateParams: (bundle, version, params) => {
      const def = byRef.get(bundleRef(bundle, version));
      return def
        ? paramProblems(def, params)
        : [{ path: "params", message: `${bundle}@${version} is not in the catalog` }];
    },
    policiesOf: (type) => policies.get(type),
    presets,
  };
}

/**
 * The rules every diagram change of `project` by `role` passes (catalog, policies, presets,
 * guardrails), over the catalog its organization sees: another organization's imports are not
 * in it.
 */
export function rulesContext(
  catalog: Catalog,
  project: { environments: readonly { id: string; slug: string; class: EnvironmentClass }[] },
  role: Role,
): ApplyContext {
  const lookup = presetLookup(
    catalog.presets,
    new Map(project.environments.map((e) => [e.id, e])),
    catalog.settings.requireProductionPresets,
    role,
  );
  return applyContext(
    [...catalog.bundles.values()],
    [...catalog.types.values()],
    project.environments.map((e) => e.id),
    lookup,
  );
}
