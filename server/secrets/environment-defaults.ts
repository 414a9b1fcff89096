// Environment defaults: artifacts an ops user supplies to one environment by hand (cloud
// credentials, a network, an existing database). The payload is validated against its
// artifact type; sensitive fields are split off and sealed before anything is written, and
// listings show them only as "set" markers with a fingerprint prefix.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { ArtifactTypeDefinition } from "../domain/catalog/types";
import { AppError } from "../domain/errors";
import { listArtifactTypes } from "../repositories/catalog-reads";
import * as repo from "../repositories/environment-defaults";
import { assertPayload, sealPayload } from "./artifact-payload";
import { fingerprints } from "../crypto/fingerprint";
import type { EnvironmentDefaultDto } from "./schemas";
import { mergeSensitive } from "../domain/access/split-sensitive";

/** Public payload plus a marker (with fingerprint prefix) where each sensitive value was. */
function toDto(row: repo.EnvironmentDefaultRowDto, organizationId: string): EnvironmentDefaultDto {
  const sensitive = Object.entries(
    fingerprints(repo.openSensitive(row.sensitive), organizationId),
  ).map(([path, fingerprint]) => ({ path, fingerprint }));
  const markers = Object.fromEntries(
    sensitive.map((s) => [s.path, { set: true as const, fingerprint: s.fingerprint }]),
  );
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    payload: mergeSensitive(row.payload, markers),
    sensitive,
    createdAt: row.createdAt,
  };
}

/** What the audit trail may hold about a default: its public payload and fingerprints only. */
function auditView(dto: EnvironmentDefaultDto) {
  return { name: dto.name, type: dto.type, payload: dto.payload };
}

export async function listEnvironmentDefaults(env: {
  id: string;
  organizationId: string;
}): Promise<EnvironmentDefaultDto[]> {
  return (await repo.listEnvironmentDefaultRows(env.id)).map((row) =>
    toDto(row, env.organizationId),
  );
}

/**
 * Artifact types a default may have (those the organization sees): environment-oriented ones first,
 * then the rest.
 */
export async function defaultTypes(organizationId: string) {
  const types = await listArtifactTypes(organizationId);
  const rank = (t: ArtifactTypeDefinition) => (t.orientation === "environment" ? 0 : 1);
  return [...types]
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))
    .map(({ name, label, orientation, schema, sensitivePaths }) => ({
      name,
      label,
      orientation,
      schema,
      sensitivePaths,
    }));
}

export async function addEnvironmentDefault(
  ctx: AuditContext,
  env: repo.EnvironmentRefDto,
  input: { name: string; type: string; payload: Record<string, unknown> },
): Promise<EnvironmentDefaultDto> {
  return auditedWrite(ctx, async (tx) => {
    const type = (await listArtifactTypes(env.organizationId, tx)).find(
      (t) => t.name === input.type,
    );
    if (!type)
      throw new AppError(
        "BAD_REQUEST",
        `type: "${input.type}" is not an artifact type in the catalog`,
        { fields: { type: ["is not in the catalog"] } },
      );
    assertPayload(type, input.payload);
    await repo.lockEnvironment(tx, env.id);
    if (await repo.environmentDefaultNameTaken(tx, env.id, input.name)) {
      throw new AppError(
        "CONFLICT",
        `name: a default named "${input.name}" already exists in ${env.slug}`,
        { fields: { name: ["is already used in this environment"] } },
      );
    }
    const { publicPayload, sealed } = sealPayload(type, input.payload, env.organizationId);
    const row = await repo.insertEnvironmentDefault(tx, {
      organizationId: env.organizationId,
      environmentId: env.id,
      name: input.name,
      type: type.name,
      payload: publicPayload,
      sensitive: sealed,
    });
    const dto = toDto(row, env.organizationId);
    return {
      result: dto,
      audit: {
        organizationId: env.organizationId,
        action: "environment-default.added",
        target: {
          type: "environment-default",
          id: row.id,
          projectId: env.projectId,
          environmentId: env.id,
        },
        after: auditView(dto),
      },
    };
  });
}

export async function removeEnvironmentDefault(
  ctx: AuditContext,
  env: repo.EnvironmentRefDto,
  id: string,
): Promise<{ id: string }> {
  return auditedWrite(ctx, async (tx) => {
    const row = await repo.deleteEnvironmentDefault(tx, env.id, id);
    if (!row) throw new AppError("NOT_FOUND", "id: no such default in this environment");
    return {
      result: { id },
      audit: {
        organizationId: env.organizationId,
        action: "environment-default.removed",
        target: {
          type: "environment-default",
          id,
          projectId: env.projectId,
          environmentId: env.id,
        },
        before: auditView(toDto(row, env.organizationId)),
      },
    };
  });
}
