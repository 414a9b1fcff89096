// The catalog as the diagram rules need it, built from the database: slots of every bundle
// version, the policies each type offers, and params validators. Compiled validators are
// cached by bundle digest (a published version never changes), so a mutation compiles a
// schema at most once per process.
import type { ValidateFunction } from "ajv";
import { createAjv } from "../bundles/json-schema";
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import type { ApplyContext } from "../domain/graph/ops";
import { bundleRef, slotCatalog } from "../domain/graph/types";

const ajv = createAjv();
const validators = new Map<string, ValidateFunction>();

function validatorFor(def: BundleDefinition): ValidateFunction {
  let v = validators.get(def.digest);
  if (!v) {
    v = ajv.compile(def.params);
    validators.set(def.digest, v);
  }
  return v;
}

/** `path: rule` messages for params that break the bundle's schema, dotted paths. */
export function paramProblems(def: BundleDefinition, params: Record<string, unknown>): string[] {
  const validate = validatorFor(def);
  if (validate(params)) return [];
  return (validate.errors ?? []).map((e) => {
    const missing = e.keyword === "required" ? `/${(e.params as { missingProperty: string }).missingProperty}` : "";
    const path = (e.instancePath + missing).split("/").filter(Boolean).join(".") || "params";
    return `${path}: ${e.keyword === "required" ? "is required" : e.message}`;
  });
}

export function applyContext(bundles: BundleDefinition[], types: ArtifactTypeDefinition[], environments: string[]): ApplyContext {
  const byRef = new Map(bundles.map((b) => [bundleRef(b.name, b.version), b]));
  const policies = new Map(types.map((t) => [t.name, t.policies.map((p) => p.id)]));
  return {
    catalog: slotCatalog(bundles, types.filter((t) => t.orientation === "environment").map((t) => t.name)),
    environments,
    validateParams: (bundle, version, params) => {
      const def = byRef.get(bundleRef(bundle, version));
      return def ? paramProblems(def, params) : [`params: ${bundle}@${version} is not in the catalog`];
    },
    policiesOf: (type) => policies.get(type),
  };
}
