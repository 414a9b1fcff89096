// The shipped catalog (bundles/) for unit tests of the pure domain: tests run on the real
// bundles and artifact types, not on hand-written look-alikes that could drift from them.
import path from "node:path";
import { loadCatalog } from "@/server/bundles/loader";
import type { ArtifactTypeDefinition, BundleDefinition } from "@/server/domain/catalog/types";

export const realCatalog = loadCatalog(path.resolve(__dirname, "../bundles"));
if (realCatalog.errors.length > 0)
  throw new Error(`bundles/ has errors: ${realCatalog.errors.map((e) => e.message).join("; ")}`);

export const realTypes: ReadonlyMap<string, ArtifactTypeDefinition> = new Map(
  realCatalog.artifactTypes.map((t) => [t.name, t]),
);

export function realBundle(name: string): BundleDefinition {
  const found = realCatalog.bundles.filter((b) => b.name === name);
  if (found.length === 0) throw new Error(`no bundle ${name} in bundles/`);
  return found[found.length - 1]!;
}

export function realType(name: string): ArtifactTypeDefinition {
  const type = realTypes.get(name);
  if (!type) throw new Error(`no artifact type ${name} in bundles/artifact-types`);
  return type;
}

export function preset(bundle: BundleDefinition, name: string): Record<string, unknown> {
  const found = bundle.presets.find((p) => p.name === name);
  if (!found) throw new Error(`${bundle.name} has no preset ${name}`);
  return found.values;
}
