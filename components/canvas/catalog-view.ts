// The catalog as the canvas holds it: lookups by `name@version`, newest version per bundle,
// artifact types by name, and the slot catalog the graph rules run on. Built once per load.
import type { inferRouterOutputs } from "@trpc/server";
import { bundleRef, slotCatalog, type SlotCatalog } from "@/server/domain/graph/types";
import type { AppRouter } from "@/server/api/root";

export type CanvasCatalogData = inferRouterOutputs<AppRouter>["diagram"]["catalog"];
export type BundleView = CanvasCatalogData["bundles"][number];
export type TypeView = CanvasCatalogData["artifactTypes"][number];

export interface CatalogView {
  byRef: ReadonlyMap<string, BundleView>;
  /** Newest version of every bundle, for the palette. */
  latest: readonly BundleView[];
  versions: ReadonlyMap<string, readonly string[]>;
  types: ReadonlyMap<string, TypeView>;
  slots: SlotCatalog;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  const pb = b.split(/[.+-]/).map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

export function catalogView(data: CanvasCatalogData): CatalogView {
  const byRef = new Map(data.bundles.map((b) => [bundleRef(b.name, b.version), b]));
  const versions = new Map<string, string[]>();
  for (const b of data.bundles) versions.set(b.name, [...(versions.get(b.name) ?? []), b.version]);
  for (const list of versions.values()) list.sort((a, b) => compareVersions(b, a));
  const latest = [...versions].map(([name, list]) => byRef.get(bundleRef(name, list[0]!))!).sort((a, b) => a.name.localeCompare(b.name));
  return {
    byRef,
    latest,
    versions,
    types: new Map(data.artifactTypes.map((t) => [t.name, t])),
    slots: slotCatalog(
      data.bundles.map((b) => ({ name: b.name, version: b.version, connections: b.inputs, artifacts: b.outputs })),
      data.artifactTypes.filter((t) => t.orientation === "environment").map((t) => t.name),
    ),
  };
}

/** Values a new instance starts from: the bundle's first preset, else the schema defaults. */
export function defaultInstance(bundle: BundleView): { params: Record<string, unknown>; preset: string | null } {
  const preset = bundle.presets[0];
  if (preset) return { params: structuredClone(preset.values), preset: preset.name };
  const props = (bundle.params.properties ?? {}) as Record<string, { default?: unknown }>;
  const params: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(props)) if (schema.default !== undefined) params[key] = structuredClone(schema.default);
  return { params, preset: null };
}
