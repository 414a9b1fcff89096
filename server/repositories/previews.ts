// Prisma access for preview environments: finding one by slug, marking it a preview with its
// pull request and expiry, carrying secrets and environment defaults over from other
// environments of the project (sealed values copied as they are: one organization, one key), and
// the lists the CLI and the expiry schedule read.
import { prisma, type Tx } from "../db";
import { Prisma } from "../generated/prisma/client";

const previewSelect = {
  id: true,
  slug: true,
  name: true,
  class: true,
  tags: true,
  preview: true,
  pullRequest: true,
  expiresAt: true,
  forkedFromId: true,
  createdAt: true,
} as const;

export interface PreviewEnvironmentRow {
  id: string;
  slug: string;
  name: string;
  class: "production" | "non_production";
  tags: unknown;
  preview: boolean;
  pullRequest: string | null;
  expiresAt: Date | null;
  forkedFromId: string | null;
  createdAt: Date;
}

export async function environmentBySlug(
  tx: Tx,
  projectId: string,
  slug: string,
): Promise<PreviewEnvironmentRow | null> {
  return tx.environment.findUnique({
    where: { projectId_slug: { projectId, slug } },
    select: previewSelect,
  });
}

export async function markPreview(
  tx: Tx,
  environmentId: string,
  data: { pullRequest: string | null; expiresAt: Date; tags: Record<string, string> },
): Promise<void> {
  await tx.environment.update({
    where: { id: environmentId },
    data: {
      preview: true,
      pullRequest: data.pullRequest,
      expiresAt: data.expiresAt,
      tags: data.tags,
    },
    select: { id: true },
  });
}

/** Copies every secret set in `fromId` onto the same components' instances in `toId`. */
export async function copySecrets(tx: Tx, fromId: string, toId: string): Promise<number> {
  return tx.$executeRaw`
    INSERT INTO "Secret" (id, "instanceId", name, ciphertext, iv, "authTag", fingerprint, "setById", "updatedAt", "createdAt")
    SELECT 'c' || md5(random()::text || s.id), t.id, s.name, s.ciphertext, s.iv, s."authTag",
           s.fingerprint, s."setById", now(), now()
      FROM "Secret" s
      JOIN "Instance" f ON f.id = s."instanceId" AND f."environmentId" = ${fromId}
      JOIN "Instance" t ON t."componentId" = f."componentId" AND t."environmentId" = ${toId}
    ON CONFLICT ("instanceId", name) DO NOTHING`;
}

export interface DefaultRow {
  id: string;
  name: string;
  typeName: string;
}

export async function environmentDefaults(tx: Tx, environmentId: string): Promise<DefaultRow[]> {
  return tx.artifact.findMany({
    where: { environmentId, environmentDefault: true },
    select: { id: true, name: true, typeName: true },
    orderBy: { name: "asc" },
  });
}

/** A copy of an environment default (payload and sealed fields as they are) in another one. */
export async function copyDefault(tx: Tx, artifactId: string, toId: string): Promise<void> {
  const row = await tx.artifact.findUniqueOrThrow({
    where: { id: artifactId },
    select: { organizationId: true, typeName: true, name: true, payload: true, sensitive: true },
  });
  await tx.artifact.create({
    data: {
      organizationId: row.organizationId,
      environmentId: toId,
      typeName: row.typeName,
      name: row.name,
      payload: row.payload ?? Prisma.JsonNull,
      sensitive: row.sensitive,
      environmentDefault: true,
    },
    select: { id: true },
  });
}

export async function listPreviews(projectId: string): Promise<PreviewEnvironmentRow[]> {
  return prisma().environment.findMany({
    where: { projectId, preview: true },
    select: previewSelect,
    orderBy: { createdAt: "asc" },
  });
}

/** Previews past their expiry, across organizations (the schedule tears them down). */
export async function expiredPreviews(now: Date) {
  return prisma().environment.findMany({
    where: { preview: true, expiresAt: { lte: now } },
    select: {
      id: true,
      slug: true,
      projectId: true,
      project: { select: { organizationId: true } },
    },
    orderBy: { expiresAt: "asc" },
    take: 50,
  });
}

/** The ids of the runs still queued or running in an environment. */
export async function activeRunIds(environmentId: string): Promise<string[]> {
  const rows = await prisma().deployment.findMany({
    where: { environmentId, status: { in: ["queued", "running"] } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => r.id);
}
