// The only Prisma access for bundles, bundle versions, artifact types and built-in presets.
// Rows are immutable versions: the sync inserts, it never rewrites a published definition.
import type { ArtifactTypeDefinition, BundleDefinition } from "../domain/catalog/types";
import type { AllowedEnvironments } from "../domain/presets/types";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";

export interface StoredState {
  /** `name@version` → digest */
  bundleVersions: Map<string, string>;
  /** `name\u0000digest` */
  artifactTypes: Set<string>;
  /** `bundle\u0000preset` → latest version number, its values and allowed environments */
  builtInPresets: Map<string, { version: number; values: unknown; allowed?: unknown }>;
}

export interface BundleVersionDto {
  version: string;
  digest: string;
  publishedAt: Date;
  definition: BundleDefinition;
}

export interface BundleDto {
  name: string;
  description: string;
  category: string;
  icon: string;
  source: string;
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

/** Serialises catalog syncs across processes sharing one PostgreSQL; released at commit. */
export async function lockCatalog(tx: Tx): Promise<void> {
  await tx.$queryRawUnsafe("SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext($1))", "patchbay-catalog-sync");
}

export async function readStoredState(tx: Tx = prisma()): Promise<StoredState> {
  const [versions, types, presets] = await Promise.all([
    tx.bundleVersion.findMany({ select: { version: true, digest: true, bundle: { select: { name: true } } } }),
    tx.artifactType.findMany({ select: { name: true, digest: true } }),
    tx.preset.findMany({
      where: { organizationId: null, builtIn: true },
      select: { bundleName: true, name: true, versions: { select: { version: true, values: true, allowedEnvironments: true }, orderBy: { version: "desc" }, take: 1 } },
    }),
  ]);
  const builtInPresets: StoredState["builtInPresets"] = new Map();
  for (const p of presets) {
    const latest = p.versions[0];
    builtInPresets.set(presetKey(p.bundleName, p.name), { version: latest?.version ?? 0, values: latest?.values ?? null, allowed: latest?.allowedEnvironments ?? {} });
  }
  return {
    bundleVersions: new Map(versions.map((v) => [`${v.bundle.name}@${v.version}`, v.digest])),
    artifactTypes: new Set(types.map((t) => typeKey(t.name, t.digest))),
    builtInPresets,
  };
}

/** Names of bundles and artifact types that came from somewhere other than `source`. */
export async function namesNotFrom(tx: Tx, source: string): Promise<{ bundles: Set<string>; artifactTypes: Set<string> }> {
  const [bundles, types] = await Promise.all([
    tx.bundle.findMany({ where: { source: { not: source } }, select: { name: true } }),
    tx.artifactType.findMany({ where: { source: { not: source } }, select: { name: true }, distinct: ["name"] }),
  ]);
  return { bundles: new Set(bundles.map((b) => b.name)), artifactTypes: new Set(types.map((t) => t.name)) };
}

/** Adds a version; the bundle's display fields follow the newest version added. */
export async function insertBundleVersion(tx: Tx, def: BundleDefinition, source: string, isLatest: boolean): Promise<void> {
  const display = { description: def.description, category: def.category, icon: def.icon };
  const bundle = await tx.bundle.upsert({
    where: { name: def.name },
    create: { name: def.name, source, ...display },
    update: isLatest ? display : {},
    select: { id: true },
  });
  await tx.bundleVersion.create({ data: { bundleId: bundle.id, version: def.version, digest: def.digest, definition: json(def) } });
}

export async function insertArtifactType(tx: Tx, def: ArtifactTypeDefinition, source: string): Promise<void> {
  await tx.artifactType.create({
    data: {
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

/** Publishes `values` as the next version of a built-in (organization-less) preset. */
export async function publishBuiltInPreset(
  tx: Tx,
  input: { bundleName: string; name: string; description: string; values: Record<string, unknown>; allowed: AllowedEnvironments; version: number },
): Promise<void> {
  // organizationId is NULL, which a unique index does not match: look the row up instead of upserting.
  const existing = await tx.preset.findFirst({
    where: { organizationId: null, bundleName: input.bundleName, name: input.name },
    select: { id: true },
  });
  const preset = existing
    ? await tx.preset.update({ where: { id: existing.id }, data: { description: input.description }, select: { id: true } })
    : await tx.preset.create({
        data: { organizationId: null, bundleName: input.bundleName, name: input.name, description: input.description, builtIn: true },
        select: { id: true },
      });
  await tx.presetVersion.create({
    data: { presetId: preset.id, version: input.version, status: "published", values: json(input.values), allowedEnvironments: json(input.allowed), publishedAt: new Date() },
  });
}

const bundleSelect = {
  name: true,
  description: true,
  category: true,
  icon: true,
  source: true,
  versions: { select: { version: true, digest: true, publishedAt: true, definition: true } },
} as const;

type BundleRow = Prisma.BundleGetPayload<{ select: typeof bundleSelect }>;

function toBundleDto(row: BundleRow): BundleDto {
  return { ...row, versions: row.versions.map((v) => ({ ...v, definition: v.definition as unknown as BundleDefinition })) };
}

export async function listBundles(): Promise<BundleDto[]> {
  const rows = await prisma().bundle.findMany({ select: bundleSelect, orderBy: { name: "asc" } });
  return rows.map(toBundleDto);
}

export async function findBundle(name: string): Promise<BundleDto | null> {
  const row = await prisma().bundle.findUnique({ where: { name }, select: bundleSelect });
  return row ? toBundleDto(row) : null;
}

/** The newest row of every artifact type name (older digests stay for old bundle versions). */
export async function listArtifactTypes(tx: Tx = prisma()): Promise<ArtifactTypeDefinition[]> {
  const rows = await tx.artifactType.findMany({
    select: { name: true, definition: true },
    orderBy: [{ name: "asc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const latest = new Map<string, ArtifactTypeDefinition>();
  for (const row of rows) if (!latest.has(row.name)) latest.set(row.name, row.definition as unknown as ArtifactTypeDefinition);
  return [...latest.values()];
}

export async function listBuiltInPresets(bundleName: string): Promise<PresetDto[]> {
  const rows = await prisma().preset.findMany({
    where: { organizationId: null, builtIn: true, bundleName },
    select: {
      name: true,
      description: true,
      versions: { where: { status: "published" }, select: { version: true, values: true }, orderBy: { version: "desc" }, take: 1 },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.flatMap((r) => {
    const v = r.versions[0];
    return v ? [{ name: r.name, description: r.description, version: v.version, values: v.values as Record<string, unknown> }] : [];
  });
}
