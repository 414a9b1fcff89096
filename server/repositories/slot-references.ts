// The only Prisma access for slot references: an input slot of a component in one environment
// filled by another project's publication or by an imported artifact (a remote reference).
import { prisma, type Tx } from "../db";
import { type PublicationDto, findPublication } from "./publications";

interface ImportedSourceDto {
  id: string;
  name: string;
  type: string;
  production: boolean;
  updatedAt: Date;
}

export interface SlotReferenceDto {
  id: string;
  componentId: string;
  slot: string;
  policies: string[];
  overrideReason: string | null;
  publication: PublicationDto | null;
  imported: ImportedSourceDto | null;
}

const select = {
  id: true,
  componentId: true,
  slot: true,
  policies: true,
  overrideReason: true,
  publicationId: true,
  importedArtifact: {
    select: { id: true, name: true, typeName: true, production: true, updatedAt: true },
  },
} as const;

async function toDto(
  r: {
    id: string;
    componentId: string;
    slot: string;
    policies: string[];
    overrideReason: string | null;
    publicationId: string | null;
    importedArtifact: {
      id: string;
      name: string;
      typeName: string;
      production: boolean;
      updatedAt: Date;
    } | null;
  },
  tx: Tx,
): Promise<SlotReferenceDto> {
  const a = r.importedArtifact;
  return {
    id: r.id,
    componentId: r.componentId,
    slot: r.slot,
    policies: r.policies,
    overrideReason: r.overrideReason,
    publication: r.publicationId ? await findPublication(r.publicationId, tx) : null,
    imported: a
      ? {
          id: a.id,
          name: a.name,
          type: a.typeName,
          production: a.production,
          updatedAt: a.updatedAt,
        }
      : null,
  };
}

/** Every reference of an environment (or of one of its components), oldest first. */
export async function referencesOfEnvironment(
  environmentId: string,
  componentId?: string,
  tx: Tx = prisma(),
): Promise<SlotReferenceDto[]> {
  const rows = await tx.slotReference.findMany({
    where: { environmentId, ...(componentId ? { componentId } : {}) },
    select,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return Promise.all(rows.map((r) => toDto(r, tx)));
}

export async function findReference(
  tx: Tx,
  at: { environmentId: string; componentId: string; slot: string },
): Promise<SlotReferenceDto | null> {
  const row = await tx.slotReference.findUnique({
    where: { environmentId_componentId_slot: at },
    select,
  });
  return row ? toDto(row, tx) : null;
}

export async function upsertReference(
  tx: Tx,
  data: {
    organizationId: string;
    projectId: string;
    environmentId: string;
    componentId: string;
    slot: string;
    publicationId: string | null;
    importedArtifactId: string | null;
    policies: string[];
    overrideReason: string | null;
  },
): Promise<SlotReferenceDto> {
  const { environmentId, componentId, slot } = data;
  const source = {
    publicationId: data.publicationId,
    importedArtifactId: data.importedArtifactId,
    policies: data.policies,
    overrideReason: data.overrideReason,
  };
  const row = await tx.slotReference.upsert({
    where: { environmentId_componentId_slot: { environmentId, componentId, slot } },
    create: data,
    update: source,
    select,
  });
  return toDto(row, tx);
}

export async function deleteReference(
  tx: Tx,
  at: { environmentId: string; componentId: string; slot: string },
): Promise<boolean> {
  return (await tx.slotReference.deleteMany({ where: at })).count > 0;
}

/**
 * What a publication's owner produced there: the recorded output (sealed fields still sealed)
 * and the owner instance's status, or nulls when it has none.
 */
export async function publishedOutput(
  p: { environmentId: string; componentId: string; artifact: string },
  tx: Tx = prisma(),
): Promise<{
  payload: Record<string, unknown> | null;
  sensitive: string | null;
  status: string;
  updatedAt: Date | null;
}> {
  const instance = await tx.instance.findUnique({
    where: {
      componentId_environmentId: { componentId: p.componentId, environmentId: p.environmentId },
    },
    select: {
      status: true,
      artifacts: {
        where: {
          slot: p.artifact,
          linkId: null,
          environmentDefault: false,
          remoteReference: false,
        },
        select: { payload: true, sensitive: true, updatedAt: true },
        orderBy: { createdAt: "desc" },
        take: 1,
      },
    },
  });
  const artifact = instance?.artifacts[0];
  return {
    payload: (artifact?.payload as Record<string, unknown> | undefined) ?? null,
    sensitive: artifact?.sensitive ?? null,
    status: instance?.status ?? "draft",
    updatedAt: artifact?.updatedAt ?? null,
  };
}
