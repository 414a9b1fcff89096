// The catalog as the canvas holds it: lookups by `name@version`, newest version per bundle,
// artifact types by name, and the slot catalog the graph rules run on. Built once per load.
import type { inferRouterOutputs } from "@trpc/server";
import semver from "semver";
import { bundleRef, slotCatalog, type SlotCatalog } from "@/server/domain/graph/types";
import type { EnvironmentRef } from "@/server/domain/presets/types";
import type { UsablePreset } from "@/server/domain/presets/usable";
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
  /** Every usable preset (of any bundle) with its published versions. */
  presets: readonly UsablePreset[];
  requireProductionPresets: boolean;
}

/** A project environment as the canvas needs it. */
export interface CanvasEnvironment extends EnvironmentRef {
  id: string;
  name: string;
}

export function catalogView(data: CanvasCatalogData): CatalogView {
  const byRef = new Map(data.bundles.map((b) => [bundleRef(b.name, b.version), b]));
  const versions = new Map<string, string[]>();
  for (const b of data.bundles) versions.set(b.name, [...(versions.get(b.name) ?? []), b.version]);
  for (const list of versions.values()) list.sort(semver.rcompare);
  const latest = [...versions]
    .map(([name, list]) => byRef.get(bundleRef(name, list[0]!))!)
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    byRef,
    latest,
    versions,
    types: new Map(data.artifactTypes.map((t) => [t.name, t])),
    presets: [...new Map(data.bundles.flatMap((b) => b.presets).map((p) => [p.id, p])).values()],
    requireProductionPresets: data.requireProductionPresets,
    slots: slotCatalog(
      data.bundles.map((b) => ({
        name: b.name,
        version: b.version,
        connections: b.inputs,
        artifacts: b.outputs,
      })),
      data.artifactTypes.filter((t) => t.orientation === "environment").map((t) => t.name),
    ),
  };
}
