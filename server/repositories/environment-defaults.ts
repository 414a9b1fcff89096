// The only Prisma access for environment defaults: artifacts supplied by hand to one
// environment (Artifact rows with environmentDefault = true). The public part of the payload
// is JSON; the sensitive fields are one encrypted string (`sensitive`, see crypto/cipher.ts).
import { prisma, type Tx } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { openCompact } from "../crypto/cipher";
import { mergeSensitive, type SensitiveValues } from "../domain/access/split-sensitive";

export interface EnvironmentRefDto {
  id: string;
  slug: string;
  projectId: string;
  organizationId: string;
}

export interface EnvironmentDefaultRowDto {
  id: string;
  name: string;
  type: string;
  /** Without sensitive fields. */
  payload: Record<string, unknown>;
  /** Encrypted sensitive values, or null when the payload had none. */
  sensitive: string | null;
  createdAt: Date;
}

const rowSelect = {
  id: true,
  name: true,
  typeName: true,
  payload: true,
  sensitive: true,
  createdAt: true,
} as const;

function toRow(r: {
  id: string;
  name: string;
  typeName: string;
  payload: unknown;
  sensitive: string | null;
  createdAt: Date;
}): EnvironmentDefaultRowDto {
  return {
    id: r.id,
    name: r.name,
    type: r.typeName,
    payload: r.payload as Record<string, unknown>,
    sensitive: r.sensitive,
    createdAt: r.createdAt,
  };
}

export async function findEnvironmentRef(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<EnvironmentRefDto | null> {
  const row = await tx.environment.findUnique({
    where: { id: environmentId },
    select: {
      id: true,
      slug: true,
      projectId: true,
      project: { select: { organizationId: true } },
    },
  });
  return row
    ? {
        id: row.id,
        slug: row.slug,
        projectId: row.projectId,
        organizationId: row.project.organizationId,
      }
    : null;
}

/**
 * Row-locks the environment until commit, so two concurrent adds cannot both pass the
 * name check (there is no unique index: names are unique among defaults only).
 */
export async function lockEnvironment(tx: Tx, environmentId: string): Promise<void> {
  await tx.$queryRawUnsafe(`SELECT id FROM "Environment" WHERE id = $1 FOR UPDATE`, environmentId);
}

export async function environmentDefaultNameTaken(
  tx: Tx,
  environmentId: string,
  name: string,
): Promise<boolean> {
  return (
    (await tx.artifact.count({ where: { environmentId, environmentDefault: true, name } })) > 0
  );
}

export async function insertEnvironmentDefault(
  tx: Tx,
  input: {
    organizationId: string;
    environmentId: string;
    name: string;
    type: string;
    payload: Record<string, unknown>;
    sensitive: string | null;
  },
): Promise<EnvironmentDefaultRowDto> {
  const row = await tx.artifact.create({
    data: {
      organizationId: input.organizationId,
      environmentId: input.environmentId,
      typeName: input.type,
      name: input.name,
      payload: input.payload as Prisma.InputJsonValue,
      sensitive: input.sensitive,
      environmentDefault: true,
    },
    select: rowSelect,
  });
  return toRow(row);
}

/** Deletes one default of the environment; returns it as it was, or null when there is none. */
export async function deleteEnvironmentDefault(
  tx: Tx,
  environmentId: string,
  id: string,
): Promise<EnvironmentDefaultRowDto | null> {
  const row = await tx.artifact.findFirst({
    where: { id, environmentId, environmentDefault: true },
    select: rowSelect,
  });
  if (!row) return null;
  await tx.artifact.delete({ where: { id } });
  return toRow(row);
}

/** Oldest first: the resolver lets the first default of a type fill its slots. */
export async function listEnvironmentDefaultRows(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<EnvironmentDefaultRowDto[]> {
  const rows = await tx.artifact.findMany({
    where: { environmentId, environmentDefault: true },
    select: rowSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toRow);
}

/** Decrypts a row's sensitive values (pointer → value). Server-only. */
export function openSensitive(sensitive: string | null): SensitiveValues {
  return sensitive ? (JSON.parse(openCompact(sensitive)) as SensitiveValues) : {};
}

/**
 * For the resolver (server-only): every default of the environment with its sensitive
 * fields decrypted back into the payload, oldest first.
 */
export async function environmentDefaultsFor(
  environmentId: string,
  tx: Tx = prisma(),
): Promise<{ name: string; type: string; payload: Record<string, unknown> }[]> {
  const rows = await listEnvironmentDefaultRows(environmentId, tx);
  return rows.map((r) => ({
    name: r.name,
    type: r.type,
    payload: mergeSensitive(r.payload, openSensitive(r.sensitive)),
  }));
}
