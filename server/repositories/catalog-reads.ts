// Reading the catalog as one organization sees it: its own imports over the shared catalog.
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { parseBundleVersion } from "./bundle-versions";
import { type BundleDto, type PresetDto, visibleTo, ownWins } from "./catalog";

const bundleSelect = {
  name: true,
  organizationId: true,
  description: true,
  category: true,
  icon: true,
  source: true,
  versions: {
    select: { id: true, version: true, digest: true, publishedAt: true, definition: true },
  },
} as const;

type BundleRow = Prisma.BundleGetPayload<{ select: typeof bundleSelect }>;

function toBundleDto({ organizationId, ...row }: BundleRow): BundleDto {
  return {
    ...row,
    imported: organizationId !== null,
    versions: row.versions.map(({ id, definition, ...v }) => ({
      ...v,
      definition: parseBundleVersion({ id, definition }),
    })),
  };
}

/** Bundles `organizationId` may see: the shared catalog and its own imports. */
export async function listBundles(organizationId: string): Promise<BundleDto[]> {
  const rows = await prisma().bundle.findMany({
    where: visibleTo(organizationId),
    select: bundleSelect,
    orderBy: [{ name: "asc" }, { organizationId: "asc" }],
  });
  return ownWins(rows, (r) => r.name).map(toBundleDto);
}

export async function findBundle(organizationId: string, name: string): Promise<BundleDto | null> {
  const rows = await prisma().bundle.findMany({
    where: { name, ...visibleTo(organizationId) },
    select: bundleSelect,
  });
  const row = ownWins(rows, (r) => r.name)[0];
  return row ? toBundleDto(row) : null;
}

/** The runbook (operator guide) of a bundle version `organizationId` may see, or null. */
export async function findRunbook(
  organizationId: string,
  name: string,
  version: string,
): Promise<string | null> {
  const rows = await prisma().bundle.findMany({
    where: { name, ...visibleTo(organizationId) },
    select: {
      name: true,
      organizationId: true,
      versions: { where: { version }, select: { runbook: true } },
    },
  });
  return ownWins(rows, (r) => r.name)[0]?.versions[0]?.runbook ?? null;
}

/**
 * The newest row of every artifact type name `organizationId` may see (older digests stay for old
 * bundle versions).
 */
export async function listArtifactTypes(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<ArtifactTypeDefinition[]> {
  const rows = await tx.artifactType.findMany({
    where: visibleTo(organizationId),
    select: { name: true, organizationId: true, definition: true },
    orderBy: [{ name: "asc" }, { createdAt: "desc" }, { id: "desc" }],
  });
  const latest = new Map<string, ArtifactTypeDefinition>();
  for (const row of ownWins(rows, (r) => r.name))
    if (!latest.has(row.name))
      latest.set(row.name, row.definition as unknown as ArtifactTypeDefinition);
  return [...latest.values()];
}

/**
 * Built-in presets of a bundle as `organizationId` sees it: shipped ones, or those its import
 * brought.
 */
export async function listBuiltInPresets(
  organizationId: string,
  bundleName: string,
  imported: boolean,
): Promise<PresetDto[]> {
  const rows = await prisma().preset.findMany({
    where: { organizationId: imported ? organizationId : null, builtIn: true, bundleName },
    select: {
      name: true,
      description: true,
      versions: {
        where: { status: "published" },
        select: { version: true, values: true },
        orderBy: { version: "desc" },
        take: 1,
      },
    },
    orderBy: { createdAt: "asc" },
  });
  return rows.flatMap((r) => {
    const v = r.versions[0];
    return v
      ? [
          {
            name: r.name,
            description: r.description,
            version: v.version,
            values: v.values as Record<string, unknown>,
          },
        ]
      : [];
  });
}
