// Imported artifacts: infrastructure Patchbay does not manage (a database, a network that
// already runs), entered by ops for the organization and usable in any slot of its type as a
// remote reference. Validated against the type's schema; sensitive fields sealed like secrets
// and shown only as fingerprints; every edit is a new version kept in its history.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { fingerprints } from "../crypto/fingerprint";
import type { Tx } from "../db";
import { mergeSensitive, splitSensitive } from "../domain/access/split-sensitive";
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import { AppError } from "../domain/errors";
import { assertNotBorrowed } from "../domain/references/rules";
import { listArtifactTypes } from "../repositories/catalog-reads";
import { openSensitive } from "../repositories/environment-defaults";
import * as repo from "../repositories/imported-artifacts";
import { assertPayload, sealPayload } from "../secrets/artifact-payload";

type Row = repo.ImportedArtifactRowDto;

function toDto(row: Row) {
  const sensitive = Object.entries(
    fingerprints(openSensitive(row.sensitive), row.organizationId),
  ).map(([path, fingerprint]) => ({ path, fingerprint }));
  const markers = Object.fromEntries(
    sensitive.map((s) => [s.path, { set: true as const, fingerprint: s.fingerprint }]),
  );
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    production: row.production,
    version: row.version,
    payload: mergeSensitive(row.payload, markers),
    sensitive,
    updatedAt: row.updatedAt,
  };
}
export type ImportedArtifactDto = ReturnType<typeof toDto>;

const auditView = (d: ImportedArtifactDto) => ({
  name: d.name,
  type: d.type,
  production: d.production,
  version: d.version,
  payload: d.payload,
});

export async function listImported(organizationId: string) {
  return (await repo.listImportedArtifacts(organizationId)).map((r) => ({
    ...toDto(r),
    usedBy: r.usedBy,
  }));
}

export async function importedHistory(organizationId: string, id: string) {
  if (!(await repo.findImportedArtifact(organizationId, id)))
    throw new AppError("NOT_FOUND", "id: no such imported artifact");
  return repo.revisionsOf(id);
}

async function typeOf(tx: Tx, organizationId: string, name: string) {
  const type = (await listArtifactTypes(organizationId, tx)).find((t) => t.name === name);
  if (!type)
    throw new AppError("BAD_REQUEST", `type: "${name}" is not an artifact type in the catalog`, {
      fields: { type: ["is not in the catalog"] },
    });
  return type;
}

async function assertFreeName(tx: Tx, organizationId: string, name: string, except?: string) {
  if (await repo.importedNameTaken(tx, organizationId, name, except))
    throw new AppError("CONFLICT", `name: an imported artifact named "${name}" already exists`, {
      fields: { name: ["is already used in this organization"] },
    });
}

/** Validates, seals and writes one version; its revision row keeps fingerprints only. */
async function sealed(type: ArtifactTypeDefinition, payload: Record<string, unknown>, org: string) {
  assertPayload(type, payload);
  return sealPayload(type, payload, org);
}

interface Input {
  name: string;
  production: boolean;
  payload: Record<string, unknown>;
}

export async function createImported(
  ctx: AuditContext,
  organizationId: string,
  input: Input & { type: string },
): Promise<ImportedArtifactDto> {
  return auditedWrite(ctx, async (tx) => {
    const type = await typeOf(tx, organizationId, input.type);
    const seal = await sealed(type, input.payload, organizationId);
    await assertFreeName(tx, organizationId, input.name);
    const row = await repo.insertImportedArtifact(tx, organizationId, {
      name: input.name,
      type: type.name,
      production: input.production,
      payload: seal.publicPayload,
      sensitive: seal.sealed,
    });
    await repo.insertRevision(tx, row, seal.fingerprints, ctx.actor.label);
    const dto = toDto(row);
    return {
      result: dto,
      touched: [],
      audit: {
        organizationId,
        action: "imported-artifact.created",
        target: { type: "imported-artifact", id: row.id },
        after: auditView(dto),
      },
    };
  });
}

/**
 * A new version. Sensitive fields left out of `payload` keep their sealed value (the form
 * never holds them); a field given replaces it.
 */
export async function updateImported(
  ctx: AuditContext,
  organizationId: string,
  input: Input & { id: string },
): Promise<ImportedArtifactDto> {
  return auditedWrite(ctx, async (tx) => {
    const before = await repo.findImportedArtifact(organizationId, input.id, tx);
    if (!before) throw new AppError("NOT_FOUND", "id: no such imported artifact");
    const type = await typeOf(tx, organizationId, before.type);
    const given = splitSensitive(input.payload, type.sensitivePaths).sensitive;
    const kept = Object.fromEntries(
      Object.entries(openSensitive(before.sensitive)).filter(([pointer]) => !(pointer in given)),
    );
    const seal = await sealed(type, mergeSensitive(input.payload, kept), organizationId);
    await assertFreeName(tx, organizationId, input.name, before.id);
    const row = await repo.updateImportedArtifact(tx, before.id, {
      name: input.name,
      production: input.production,
      payload: seal.publicPayload,
      sensitive: seal.sealed,
    });
    await repo.insertRevision(tx, row, seal.fingerprints, ctx.actor.label);
    const dto = toDto(row);
    return {
      result: dto,
      touched: [],
      audit: {
        organizationId,
        action: "imported-artifact.updated",
        target: { type: "imported-artifact", id: row.id },
        before: auditView(toDto(before)),
        after: auditView(dto),
      },
    };
  });
}

/** Refused while any slot references it, naming every borrower. */
export async function removeImported(ctx: AuditContext, organizationId: string, id: string) {
  return auditedWrite(ctx, async (tx) => {
    const before = await repo.findImportedArtifact(organizationId, id, tx);
    if (!before) throw new AppError("NOT_FOUND", "id: no such imported artifact");
    assertNotBorrowed(`id: ${before.name}`, await repo.importedBorrowers(tx, id));
    await repo.deleteImportedArtifact(tx, id);
    return {
      result: { id },
      touched: [],
      audit: {
        organizationId,
        action: "imported-artifact.removed",
        target: { type: "imported-artifact", id },
        before: auditView(toDto(before)),
      },
    };
  });
}
