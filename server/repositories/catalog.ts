// The only Prisma access for bundles, bundle versions, artifact types and built-in presets.
// Rows are immutable versions: the sync inserts, it never rewrites a published definition.
// Tenancy: a row with no organization is the shared (shipped) catalog; a row with one was
// imported by that organization and is visible to it only. Every read takes the reader's
// organization; writes take the owner (null only for the start-up sync).
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import type { AllowedEnvironments } from "../domain/presets/types";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { BundleVersionDto } from "./bundle-versions";

export type { BundleVersionDto };

export interface StoredState {
  /** `name@version` → digest */
  bundleVersions: Map<string, string>;
  /** `name\u0000digest` */
  artifactTypes: Set<string>;
  /** `bundle\u0000preset` → latest version number, its values and allowed environments */
  builtInPresets: Map<string, { version: number; values: unknown; allowed?: unknown }>;
}

export interface BundleDto {
  name: string;
  description: string;
  category: string;
  icon: string;
  source: string;
  /** imported by the reader's organization (false: the shared, shipped catalog) */
  imported: boolean;
  versions: BundleVersionDto[];
}

export interface PresetDto {
  name: string;
  description: string;
  version: number;
  values: Record<string, unknown>;
}

export const presetKey = (bundle: string, name: string) => `${bundle}\u0000${name}`;
export const typeKey = (name: string, digest: string) => `${name}\u0000${digest}`;

const json = (value: unknown) => value as Prisma.InputJsonValue;

/** Who owns catalog rows: an organization's id, or null for the shared catalog. */
export type CatalogOwner = string | null;

/** What an organization sees: the shared catalog plus its own imports. */
export const visibleTo = (organizationId: string) => ({
  OR: [{ organizationId: null }, { organizationId }],
});

/**
 * Drops shared rows whose name the organization owns too. Imports may not shadow a shared
 * name, but a later shipped release may add one: the organization keeps what it placed.
 */
export function ownWins<T extends { organizationId: string | null }>(
  rows: T[],
  nameOf: (row: T) => string,
): T[] {
  const owned = new Set(rows.filter((r) => r.organizationId !== null).map(nameOf));
  return rows.filter((r) => r.organizationId !== null || !owned.has(nameOf(r)));
}

/** Serialises catalog syncs across processes sharing one PostgreSQL; released at commit. */
export async function lockCatalog(tx: Tx): Promise<void> {
  await tx.$queryRawUnsafe(
    "SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext($1))",
    "patchbay-catalog-sync",
  );
}

/**
 * What `owner` (an organization, or null for the shared catalog) holds: the sync's and an import's
 * plan base.
 */
export async function readStoredState(
  owner: CatalogOwner,
  tx: Tx = prisma(),
): Promise<StoredState> {
  const [versions, types, presets] = await Promise.all([
    tx.bundleVersion.findMany({
      where: { bundle: { organizationId: owner } },
      select: { version: true, digest: true, bundle: { select: { name: true } } },
    }),
    tx.artifactType.findMany({
      where: { organizationId: owner },
      select: { name: true, digest: true },
    }),
    tx.preset.findMany({
      where: { organizationId: owner, builtIn: true },
      select: {
        bundleName: true,
        name: true,
        versions: {
          select: { version: true, values: true, allowedEnvironments: true },
          orderBy: { version: "desc" },
          take: 1,
        },
      },
    }),
  ]);
  const builtInPresets: StoredState["builtInPresets"] = new Map();
  for (const p of presets) {
    const latest = p.versions[0];
    builtInPresets.set(presetKey(p.bundleName, p.name), {
      version: latest?.version ?? 0,
      values: latest?.values ?? null,
      allowed: latest?.allowedEnvironments ?? {},
    });
  }
  return {
    bundleVersions: new Map(versions.map((v) => [`${v.bundle.name}@${v.version}`, v.digest])),
    artifactTypes: new Set(types.map((t) => typeKey(t.name, t.digest))),
    builtInPresets,
  };
}

/** Names in the shared catalog: an organization's import may not shadow them. */
export async function sharedNames(
  tx: Tx,
): Promise<{ bundles: Set<string>; artifactTypes: Set<string> }> {
  const [bundles, types] = await Promise.all([
    tx.bundle.findMany({ where: { organizationId: null }, select: { name: true } }),
    tx.artifactType.findMany({
      where: { organizationId: null },
      select: { name: true },
      distinct: ["name"],
    }),
  ]);
  return {
    bundles: new Set(bundles.map((b) => b.name)),
    artifactTypes: new Set(types.map((t) => t.name)),
  };
}

/**
 * Names of preset an organization authored for each bundle (a built-in import preset may not take
 * one).
 */
export async function authoredPresetKeys(tx: Tx, organizationId: string): Promise<Set<string>> {
  const rows = await tx.preset.findMany({
    where: { organizationId, builtIn: false },
    select: { bundleName: true, name: true },
  });
  return new Set(rows.map((r) => presetKey(r.bundleName, r.name)));
}

/**
 * Adds a version of `owner`'s bundle; the bundle's display fields follow the newest version added.
 */
export async function insertBundleVersion(
  tx: Tx,
  def: BundleDefinition,
  source: string,
  isLatest: boolean,
  owner: CatalogOwner,
): Promise<void> {
  const display = { description: def.description, category: def.category, icon: def.icon };
  // organizationId may be NULL, which a compound unique key does not match: look the row up.
  const existing = await tx.bundle.findFirst({
    where: { organizationId: owner, name: def.name },
    select: { id: true },
  });
  const bundle = existing
    ? await tx.bundle.update({
        where: { id: existing.id },
        data: isLatest ? display : {},
        select: { id: true },
      })
    : await tx.bundle.create({
        data: { organizationId: owner, name: def.name, source, ...display },
        select: { id: true },
      });
  // The runbook is read only where it is shown: it stays out of the definition every canvas reads.
  const { runbook, ...definition } = def;
  await tx.bundleVersion.create({
    data: {
      bundleId: bundle.id,
      version: def.version,
      digest: def.digest,
      definition: json(definition),
      runbook: runbook ?? null,
    },
  });
}

export async function insertArtifactType(
  tx: Tx,
  def: ArtifactTypeDefinition,
  source: string,
  owner: CatalogOwner,
): Promise<void> {
  await tx.artifactType.create({
    data: {
      organizationId: owner,
      name: def.name,
      digest: def.digest,
      label: def.label,
      icon: def.icon,
      orientation: def.orientation,
      schema: json(def.schema),
      policies: json(def.policies),
      definition: json(def),
      source,
    },
  });
}

/**
 * Publishes `values` as the next version of a built-in preset of `owner`'s bundle (null: shipped).
 */
export async function publishBuiltInPreset(
  tx: Tx,
  input: {
    bundleName: string;
    name: string;
    description: string;
    values: Record<string, unknown>;
    allowed: AllowedEnvironments;
    version: number;
  },
  owner: CatalogOwner,
): Promise<void> {
  // organizationId may be NULL, which a unique index does not match: look the row up instead of
  // upserting.
  const existing = await tx.preset.findFirst({
    where: { organizationId: owner, bundleName: input.bundleName, name: input.name },
    select: { id: true },
  });
  const preset = existing
    ? await tx.preset.update({
        where: { id: existing.id },
        data: { description: input.description },
        select: { id: true },
      })
    : await tx.preset.create({
        data: {
          organizationId: owner,
          bundleName: input.bundleName,
          name: input.name,
          description: input.description,
          builtIn: true,
        },
        select: { id: true },
      });
  await tx.presetVersion.create({
    data: {
      presetId: preset.id,
      version: input.version,
      status: "published",
      values: json(input.values),
      allowedEnvironments: json(input.allowed),
      publishedAt: new Date(),
    },
  });
}
