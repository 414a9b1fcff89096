// The only Prisma access for instance secrets. Rows hold ciphertext only; the one function
// that returns a plaintext (`readSecret`) is for server code about to make an audited use of
// it (a deployment, a reveal) and must never feed a response directly.
import { prisma, type Tx } from "../db";
import { parseBundleVersion } from "./bundle-versions";
import { visibleTo } from "./catalog";
import type { BundleDefinition } from "../domain/catalog/types";
import type { EnvironmentClass } from "../domain/environments";
import type { Prisma } from "../generated/prisma/client";
import { open, type Sealed } from "../crypto/cipher";

export interface SecretTargetDto {
  component: { id: string; name: string; bundleName: string; version: string };
  environment: { id: string; slug: string; class: EnvironmentClass };
}

export interface SecretRowDto {
  name: string;
  fingerprint: string;
  updatedAt: Date;
  setBy: { name: string; email: string } | null;
}

/**
 * The component and environment, only when both belong to `projectId` (tenancy is checked on the
 * project).
 */
export async function findSecretTarget(
  projectId: string,
  componentId: string,
  environmentId: string,
  tx: Tx = prisma(),
): Promise<SecretTargetDto | null> {
  const [component, environment] = await Promise.all([
    tx.component.findFirst({
      where: { id: componentId, projectId },
      select: { id: true, name: true, bundleName: true, versionConstraint: true },
    }),
    tx.environment.findFirst({
      where: { id: environmentId, projectId },
      select: { id: true, slug: true, class: true },
    }),
  ]);
  if (!component || !environment) return null;
  const { versionConstraint: version, ...rest } = component;
  return { component: { ...rest, version }, environment };
}

/**
 * A component's pinned bundle version (components pin an exact version), as its organization sees
 * the catalog.
 */
export async function findBundleDefinition(
  organizationId: string,
  name: string,
  version: string,
  tx: Tx = prisma(),
): Promise<BundleDefinition | null> {
  const rows = await tx.bundleVersion.findMany({
    where: { version, bundle: { name, ...visibleTo(organizationId) } },
    select: { id: true, definition: true, bundle: { select: { organizationId: true } } },
  });
  // The organization's own import wins over a shared bundle of the same name (see ownWins).
  const row = rows.find((r) => r.bundle.organizationId !== null) ?? rows[0];
  return row ? parseBundleVersion(row) : null;
}

export async function listSecretRows(
  componentId: string,
  environmentId: string,
  tx: Tx = prisma(),
): Promise<SecretRowDto[]> {
  const rows = await tx.secret.findMany({
    where: { instance: { componentId, environmentId } },
    select: { name: true, fingerprint: true, updatedAt: true, setById: true },
    orderBy: { name: "asc" },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.setById ? [r.setById] : [])))];
  const users =
    ids.length === 0
      ? []
      : await tx.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, name: true, email: true },
        });
  const byId = new Map(users.map((u) => [u.id, { name: u.name, email: u.email }]));
  return rows.map(({ setById, ...r }) => ({ ...r, setBy: (setById && byId.get(setById)) || null }));
}

/**
 * The instance row of a component in an environment, created when missing (rows appear on
 * first edit). `initial` is what the canvas shows for a missing row, so creating it here
 * does not change the configuration anyone sees.
 */
export async function ensureInstance(
  tx: Tx,
  projectId: string,
  componentId: string,
  environmentId: string,
  initial: () => { params: Record<string, unknown>; presetVersionId: string | null },
): Promise<string> {
  const existing = await tx.instance.findUnique({
    where: { componentId_environmentId: { componentId, environmentId } },
    select: { id: true },
  });
  if (existing) return existing.id;
  const { params, presetVersionId } = initial();
  const created = await tx.instance.create({
    data: {
      projectId,
      componentId,
      environmentId,
      params: params as Prisma.InputJsonValue,
      presetVersionId,
    },
    select: { id: true },
  });
  return created.id;
}

/** Writes (or replaces) a secret; returns the previous fingerprint, if any. */
export async function upsertSecret(
  tx: Tx,
  input: {
    instanceId: string;
    name: string;
    sealed: Sealed;
    fingerprint: string;
    setById: string | null;
  },
): Promise<string | null> {
  const where = { instanceId_name: { instanceId: input.instanceId, name: input.name } };
  const previous = await tx.secret.findUnique({ where, select: { fingerprint: true } });
  const data = { ...input.sealed, fingerprint: input.fingerprint, setById: input.setById };
  await tx.secret.upsert({
    where,
    create: { instanceId: input.instanceId, name: input.name, ...data },
    update: data,
    select: { id: true },
  });
  return previous?.fingerprint ?? null;
}

/** Deletes a secret; returns what it was (fingerprint, instance), or null when it was not set. */
export async function deleteSecret(
  tx: Tx,
  componentId: string,
  environmentId: string,
  name: string,
): Promise<{ fingerprint: string; instanceId: string } | null> {
  const row = await tx.secret.findFirst({
    where: { name, instance: { componentId, environmentId } },
    select: { id: true, fingerprint: true, instanceId: true },
  });
  if (!row) return null;
  await tx.secret.delete({ where: { id: row.id } });
  return { fingerprint: row.fingerprint, instanceId: row.instanceId };
}

/** For the resolver: the names of the secrets set on each instance (never values). */
export async function secretNamesSet(
  instanceIds: readonly string[],
  tx: Tx = prisma(),
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(instanceIds.map((id) => [id, []]));
  if (instanceIds.length === 0) return out;
  const rows = await tx.secret.findMany({
    where: { instanceId: { in: [...instanceIds] } },
    select: { instanceId: true, name: true },
    orderBy: { name: "asc" },
  });
  for (const r of rows) out.get(r.instanceId)?.push(r.name);
  return out;
}

/** Server-only: the plaintext of one secret, or null when unset. Callers audit its use. */
export async function readSecret(
  instanceId: string,
  name: string,
  tx: Tx = prisma(),
): Promise<string | null> {
  const row = await tx.secret.findUnique({
    where: { instanceId_name: { instanceId, name } },
    select: { ciphertext: true, iv: true, authTag: true },
  });
  return row ? open(row) : null;
}

/** The fingerprint of a secret set on an instance, or null when it is not set. */
export async function secretFingerprint(
  tx: Tx,
  instanceId: string,
  name: string,
): Promise<string | null> {
  const row = await tx.secret.findUnique({
    where: { instanceId_name: { instanceId, name } },
    select: { fingerprint: true },
  });
  return row?.fingerprint ?? null;
}
