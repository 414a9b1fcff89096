// Read side of the catalog for the API: bundles at their newest version, one bundle in full,
// artifact types, and a dry-run Massdriver import — always as one organization sees the
// catalog (the shared one plus its own imports). No authorization here: the router does it.
import semver from "semver";
import type { z } from "zod";
import { importMassdriverPath } from "../bundles/massdriver";
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import { AppError } from "../domain/errors";
import type * as repo from "../repositories/catalog";
import * as reads from "../repositories/catalog-reads";
import { listMassdriverTypes } from "../repositories/massdriver-types";
import { checkImportPath } from "./import-roots";
import { orderValues } from "./property-order";
import { readBundleReadme } from "./readme";
import type { bundleDetailDto, bundleSummaryDto, categoryDto, importPreviewDto } from "./schemas";
import { filterBundles } from "./search";

type BundleSummary = z.infer<typeof bundleSummaryDto>;

function newest(bundle: repo.BundleDto): repo.BundleVersionDto | undefined {
  return [...bundle.versions].sort((a, b) => semver.rcompare(a.version, b.version))[0];
}

function slots(def: BundleDefinition) {
  return {
    inputs: def.connections.map((c) => ({
      key: c.key,
      type: c.type,
      title: c.title,
      required: c.required,
    })),
    outputs: def.artifacts.map((a) => ({ key: a.key, type: a.type, title: a.title })),
  };
}

function summary(bundle: repo.BundleDto, version: repo.BundleVersionDto): BundleSummary {
  const { name, description, category, icon, source, imported } = bundle;
  return {
    name,
    description,
    category,
    icon,
    source,
    imported,
    version: version.version,
    ...slots(version.definition),
  };
}

async function summaries(organizationId: string): Promise<BundleSummary[]> {
  return (await reads.listBundles(organizationId)).flatMap((b) => {
    const latest = newest(b);
    return latest ? [summary(b, latest)] : [];
  });
}

export async function listCatalog(
  organizationId: string,
  filter: { q?: string; category?: string },
): Promise<BundleSummary[]> {
  const [bundles, types] = await Promise.all([
    summaries(organizationId),
    reads.listArtifactTypes(organizationId),
  ]);
  return filterBundles(bundles, filter, new Map(types.map((t) => [t.name, t.label])));
}

export async function listCategories(
  organizationId: string,
): Promise<z.infer<typeof categoryDto>[]> {
  const counts = new Map<string, number>();
  for (const b of await summaries(organizationId))
    if (b.category) counts.set(b.category, (counts.get(b.category) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function artifactTypeView(t: ArtifactTypeDefinition) {
  const { name, label, icon, color, orientation, schema, policies } = t;
  return {
    name,
    label,
    icon,
    color,
    orientation,
    schema,
    policies: policies.map((p) => ({ ...p, grants: { ...p.grants } })),
  };
}

export async function listArtifactTypes(organizationId: string) {
  return (await reads.listArtifactTypes(organizationId)).map(artifactTypeView);
}

export async function bundleDetail(
  organizationId: string,
  name: string,
  version?: string,
): Promise<z.infer<typeof bundleDetailDto>> {
  const bundle = await reads.findBundle(organizationId, name);
  const chosen =
    bundle && (version ? bundle.versions.find((v) => v.version === version) : newest(bundle));
  if (!bundle || !chosen)
    throw new AppError(
      "NOT_FOUND",
      version ? `Bundle ${name}@${version} not found` : `Bundle ${name} not found`,
    );
  const def = chosen.definition;
  const [presets, types] = await Promise.all([
    reads.listBuiltInPresets(organizationId, name, bundle.imported),
    reads.listArtifactTypes(organizationId),
  ]);
  const byName = new Map(types.map((t) => [t.name, t]));
  const outputTypes = [...new Set(def.artifacts.map((a) => a.type))].flatMap((typeName) => {
    const t = byName.get(typeName);
    return t
      ? [{ name: t.name, label: t.label, color: t.color, policies: artifactTypeView(t).policies }]
      : [];
  });
  return {
    ...summary(bundle, chosen),
    digest: chosen.digest,
    publishedAt: chosen.publishedAt,
    versions: [...bundle.versions]
      .sort((a, b) => semver.rcompare(a.version, b.version))
      .map((v) => ({ version: v.version, publishedAt: v.publishedAt })),
    params: def.params,
    ui: def.ui,
    presets: presets.map((p) => ({
      ...p,
      values: orderValues(p.values, def.ui) as Record<string, unknown>,
    })),
    outputTypes,
    steps: def.steps,
    readme: readBundleReadme(def.source),
    runbook: await reads.findRunbook(organizationId, name, chosen.version),
  };
}

/** Converts and validates a Massdriver path without writing anything. */
export async function previewMassdriverImport(
  organizationId: string,
  target: string,
): Promise<z.infer<typeof importPreviewDto>> {
  const [knownTypes, storedTypes] = await Promise.all([
    reads.listArtifactTypes(organizationId),
    listMassdriverTypes(organizationId),
  ]);
  const { path, root } = checkImportPath(target);
  const result = importMassdriverPath(path, { root, knownTypes, storedTypes });
  return {
    bundles: result.bundles.map((b) => ({
      name: b.name,
      version: b.version,
      description: b.description,
      ...slots(b),
    })),
    artifactTypes: result.artifactTypes.map((t) => ({
      name: t.name,
      label: t.label,
      policies: t.policies.map((p) => p.id),
    })),
    massdriverTypes: result.schemaTypes.map((t) => t.name),
    warnings: result.warnings,
    errors: result.errors,
  };
}
