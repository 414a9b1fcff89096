// What the preset procedures return, as the preset pages read it (inferred from the router,
// so the pages never restate the server's shapes).
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

export type PresetView = Outputs["preset"]["get"]["preset"];
export type PresetVersionView = PresetView["versions"][number];
export type ConsumerView = Outputs["preset"]["get"]["consumers"][number];

/**
 * Field messages of a refused mutation (`rules.instance_class`, `values.storage.allocated_gb`,
 * `name`).
 */
export type FieldErrors = Record<string, string[]>;

export function fieldErrors(error: unknown): FieldErrors {
  const data = (error as { data?: { fields?: FieldErrors | null } } | null | undefined)?.data;
  return data?.fields ?? {};
}

/** Published versions, newest first (the server already orders versions newest first). */
export function publishedVersions(preset: PresetView): PresetVersionView[] {
  return preset.versions.filter((v) => v.status === "published");
}

export function draftVersion(preset: PresetView): PresetVersionView | undefined {
  return preset.versions.find((v) => v.status === "draft");
}
