// The only Prisma access for imported artifacts: infrastructure Patchbay does not manage,
// entered by ops for the whole organization (Artifact rows with remoteReference = true, no
// environment). The public payload is JSON; sensitive fields are one sealed string.
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import type { Borrower } from "../domain/references/rules";
import { borrowerSelect, toBorrower } from "./publications";

export interface ImportedArtifactRowDto {
  id: string;
  organizationId: string;
  name: string;
  type: string;
  production: boolean;
  version: number;
  payload: Record<string, unknown>;
  sensitive: string | null;
  updatedAt: Date;
}

const select = {
  id: true,
  organizationId: true,
  name: true,
  typeName: true,
  production: true,
  version: true,
  payload: true,
  sensitive: true,
  updatedAt: true,
} as const;

type Row = Omit<ImportedArtifactRowDto, "type" | "payload"> & {
  typeName: string;
  payload: unknown;
};

const toDto = ({ typeName, payload, ...r }: Row): ImportedArtifactRowDto => ({
  ...r,
  type: typeName,
  payload: payload as Record<string, unknown>,
});

const imported = (organizationId: string) => ({
  organizationId,
  remoteReference: true,
  environmentId: null,
  instanceId: null,
});

export async function listImportedArtifacts(
  organizationId: string,
  tx: Tx = prisma(),
): Promise<(ImportedArtifactRowDto & { usedBy: Borrower[] })[]> {
  const rows = await tx.artifact.findMany({
    where: imported(organizationId),
    select: { ...select, references: { select: borrowerSelect } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ references, ...r }) => ({ ...toDto(r), usedBy: references.map(toBorrower) }));
}

export async function findImportedArtifact(
  organizationId: string,
  id: string,
  tx: Tx = prisma(),
): Promise<ImportedArtifactRowDto | null> {
  const row = await tx.artifact.findFirst({ where: { id, ...imported(organizationId) }, select });
  return row ? toDto(row) : null;
}

export async function importedNameTaken(
  tx: Tx,
  organizationId: string,
  name: string,
  except?: string,
): Promise<boolean> {
  const where = { ...imported(organizationId), name, ...(except ? { NOT: { id: except } } : {}) };
  return (await tx.artifact.count({ where })) > 0;
}

interface Write {
  name: string;
  type: string;
  production: boolean;
  payload: Record<string, unknown>;
  sensitive: string | null;
}

export async function insertImportedArtifact(
  tx: Tx,
  organizationId: string,
  w: Write,
): Promise<ImportedArtifactRowDto> {
  const row = await tx.artifact.create({
    data: {
      ...imported(organizationId),
      name: w.name,
      typeName: w.type,
      production: w.production,
      payload: w.payload as Prisma.InputJsonValue,
      sensitive: w.sensitive,
    },
    select,
  });
  return toDto(row);
}

export async function updateImportedArtifact(
  tx: Tx,
  id: string,
  w: Omit<Write, "type">,
): Promise<ImportedArtifactRowDto> {
  const row = await tx.artifact.update({
    where: { id },
    data: {
      name: w.name,
      production: w.production,
      payload: w.payload as Prisma.InputJsonValue,
      sensitive: w.sensitive,
      version: { increment: 1 },
    },
    select,
  });
  return toDto(row);
}

export async function deleteImportedArtifact(tx: Tx, id: string): Promise<void> {
  await tx.artifact.delete({ where: { id } });
}

export async function importedBorrowers(tx: Tx, id: string): Promise<Borrower[]> {
  const rows = await tx.slotReference.findMany({
    where: { importedArtifactId: id },
    select: borrowerSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toBorrower);
}

export async function insertRevision(
  tx: Tx,
  row: ImportedArtifactRowDto,
  fingerprints: Record<string, string>,
  actorLabel: string,
): Promise<void> {
  await tx.artifactRevision.create({
    data: {
      artifactId: row.id,
      version: row.version,
      name: row.name,
      production: row.production,
      payload: row.payload as Prisma.InputJsonValue,
      fingerprints,
      actorLabel,
    },
  });
}

export async function revisionsOf(id: string, tx: Tx = prisma()) {
  const rows = await tx.artifactRevision.findMany({
    where: { artifactId: id },
    select: {
      version: true,
      name: true,
      production: true,
      payload: true,
      fingerprints: true,
      actorLabel: true,
      createdAt: true,
    },
    orderBy: { version: "desc" },
  });
  return rows.map((r) => ({
    ...r,
    payload: r.payload as Record<string, unknown>,
    fingerprints: r.fingerprints as Record<string, string>,
  }));
}
