// The only Prisma access for presets authored in the UI and their versions, and for the
// instances pinned to them (consumers). Built-in presets are written by the catalog sync
// (repositories/catalog.ts) and only read here.
import { prisma, type Tx } from "../db";
import type { AllowedEnvironments, PresetRules } from "../domain/presets/types";
import type { Prisma } from "../generated/prisma/client";

const json = (value: unknown) => value as Prisma.InputJsonValue;

export interface PresetVersionDto {
  id: string;
  version: number;
  status: "draft" | "published";
  values: Record<string, unknown>;
  rules: PresetRules;
  allowed: AllowedEnvironments;
  rationale: string;
  publishedAt: Date | null;
  publishedBy: string | null;
  offeredAt: Date | null;
  offeredBy: string | null;
  createdAt: Date;
}

export interface PresetDto {
  id: string;
  /** null for built-in presets (shipped with the bundle, shared by every organization). */
  organizationId: string | null;
  bundle: string;
  name: string;
  description: string;
  builtIn: boolean;
  createdBy: string | null;
  /** Newest first. */
  versions: PresetVersionDto[];
}

const versionSelect = {
  id: true,
  version: true,
  status: true,
  values: true,
  rules: true,
  allowedEnvironments: true,
  rationale: true,
  publishedAt: true,
  publishedById: true,
  offeredAt: true,
  offeredById: true,
  createdAt: true,
} as const;

const presetSelect = {
  id: true,
  organizationId: true,
  bundleName: true,
  name: true,
  description: true,
  builtIn: true,
  createdById: true,
  versions: { select: versionSelect, orderBy: { version: "desc" } },
} as const;

type PresetRow = Prisma.PresetGetPayload<{ select: typeof presetSelect }>;

async function emails(tx: Tx, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await tx.user.findMany({
    where: { id: { in: wanted } },
    select: { id: true, email: true },
  });
  return new Map(users.map((u) => [u.id, u.email]));
}

async function toDtos(tx: Tx, rows: PresetRow[]): Promise<PresetDto[]> {
  const who = await emails(
    tx,
    rows.flatMap((r) => [
      r.createdById,
      ...r.versions.flatMap((v) => [v.publishedById, v.offeredById]),
    ]),
  );
  const email = (id: string | null) => (id === null ? null : (who.get(id) ?? null));
  return rows.map((r) => ({
    id: r.id,
    organizationId: r.organizationId,
    bundle: r.bundleName,
    name: r.name,
    description: r.description,
    builtIn: r.builtIn,
    createdBy: email(r.createdById),
    versions: r.versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      values: v.values as Record<string, unknown>,
      rules: (v.rules ?? {}) as PresetRules,
      allowed: (v.allowedEnvironments ?? {}) as AllowedEnvironments,
      rationale: v.rationale,
      publishedAt: v.publishedAt,
      publishedBy: email(v.publishedById),
      offeredAt: v.offeredAt,
      offeredBy: email(v.offeredById),
      createdAt: v.createdAt,
    })),
  }));
}

/**
 * Built-in presets and the organization's own, optionally of one bundle; built-in first, then by
 * creation.
 */
export async function listPresets(
  organizationId: string,
  bundle?: string,
  tx: Tx = prisma(),
): Promise<PresetDto[]> {
  const rows = await tx.preset.findMany({
    where: {
      OR: [{ organizationId: null }, { organizationId }],
      ...(bundle ? { bundleName: bundle } : {}),
    },
    select: presetSelect,
    orderBy: [{ bundleName: "asc" }, { builtIn: "desc" }, { createdAt: "asc" }, { id: "asc" }],
  });
  return toDtos(tx, rows);
}

/** One preset the organization can see (its own or a built-in one), or null. */
export async function findPreset(
  organizationId: string,
  presetId: string,
  tx: Tx = prisma(),
): Promise<PresetDto | null> {
  const row = await tx.preset.findFirst({
    where: { id: presetId, OR: [{ organizationId: null }, { organizationId }] },
    select: presetSelect,
  });
  return row ? (await toDtos(tx, [row]))[0]! : null;
}

export async function presetNameTaken(
  tx: Tx,
  organizationId: string,
  bundle: string,
  name: string,
  except?: string,
): Promise<boolean> {
  const row = await tx.preset.findFirst({
    where: { organizationId, bundleName: bundle, name, ...(except ? { NOT: { id: except } } : {}) },
    select: { id: true },
  });
  return row !== null;
}

export async function createPreset(
  tx: Tx,
  input: {
    organizationId: string;
    bundle: string;
    name: string;
    description: string;
    createdById: string;
  },
): Promise<string> {
  const row = await tx.preset.create({
    data: {
      organizationId: input.organizationId,
      bundleName: input.bundle,
      name: input.name,
      description: input.description,
      createdById: input.createdById,
    },
    select: { id: true },
  });
  return row.id;
}

export async function updatePresetInfo(
  tx: Tx,
  presetId: string,
  input: { name: string; description: string },
): Promise<void> {
  await tx.preset.update({ where: { id: presetId }, data: input });
}

export interface DraftInput {
  values: Record<string, unknown>;
  rules: PresetRules;
  allowed: AllowedEnvironments;
  rationale: string;
}

/**
 * Writes the preset's draft: the one unpublished version, numbered after the newest published one.
 */
export async function saveDraft(
  tx: Tx,
  presetId: string,
  input: DraftInput,
): Promise<{ id: string; version: number }> {
  const data = {
    values: json(input.values),
    rules: json(input.rules),
    allowedEnvironments: json(input.allowed),
    rationale: input.rationale,
  };
  const draft = await tx.presetVersion.findFirst({
    where: { presetId, status: "draft" },
    select: { id: true, version: true },
  });
  if (draft) {
    await tx.presetVersion.update({ where: { id: draft.id }, data });
    return draft;
  }
  const newest = await tx.presetVersion.aggregate({ where: { presetId }, _max: { version: true } });
  return tx.presetVersion.create({
    data: { presetId, version: (newest._max.version ?? 0) + 1, ...data },
    select: { id: true, version: true },
  });
}

/**
 * Publishes the draft (it then never changes: a database trigger refuses edits of published rows).
 */
export async function publishDraft(tx: Tx, versionId: string, userId: string): Promise<void> {
  await tx.presetVersion.update({
    where: { id: versionId },
    data: { status: "published", publishedAt: new Date(), publishedById: userId },
  });
}

export async function markOffered(tx: Tx, versionId: string, userId: string): Promise<void> {
  await tx.presetVersion.update({
    where: { id: versionId },
    data: { offeredAt: new Date(), offeredById: userId },
  });
}
