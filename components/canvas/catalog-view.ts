// The catalog as the canvas holds it: lookups by `name@version`, newest version per bundle,
// artifact types by name, and the slot catalog the graph rules run on. Built once per load.
import type { inferRouterOutputs } from "@trpc/server";
// The one function the canvas needs: the package's index also builds its ranges and comparators,
// ~10 ms of module start-up on the page's load.
import rcompare from "semver/functions/rcompare";
import { bundleRef, slotCatalog, type SlotCatalog } from "@/server/domain/graph/types";
import type { EnvironmentRef } from "@/server/domain/presets/types";
import type { UsablePreset } from "@/server/domain/presets/usable";
import type { AppRouter } from "@/server/api/root";

export type CanvasCatalogData = inferRouterOutputs<AppRouter>["diagram"]["catalog"];
export type BundleView = CanvasCatalogData["bundles"][number];
type TypeView = CanvasCatalogData["artifactTypes"][number];

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

/**
 * Case-blind code-unit order, for the palette's bundle names (lower-case ASCII, see
 * server/bundles/meta-schemas.ts) and categories: localeCompare's first call builds a collator,
 * ~14 ms of the canvas's first render.
 */
export function plainOrder(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
}

export function catalogView(data: CanvasCatalogData): CatalogView {
  const byRef = new Map(data.bundles.map((b) => [bundleRef(b.name, b.version), b]));
  const versions = new Map<string, string[]>();
  for (const b of data.bundles) versions.set(b.name, [...(versions.get(b.name) ?? []), b.version]);
  for (const list of versions.values()) list.sort(rcompare);
  const latest = [...versions]
    .map(([name, list]) => byRef.get(bundleRef(name, list[0]!))!)
    .sort((a, b) => plainOrder(a.name, b.name));
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
