// Secrets of one component in one environment: the bundle's declared `app.secrets`, which
// of them are set (by fingerprint prefix, when, by whom), and write-only set / clear. A
// value goes in once, is sealed before it reaches the database, and never comes back out
// of these functions. Authorization is the router's job; each write is one audit event.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { Tx } from "../db";
import type { BundleDefinition } from "../domain/catalog/types";
import { AppError } from "../domain/errors";
import { startingInstance } from "../domain/instances/shown";
import type { EnvironmentRef } from "../domain/presets/types";
import { organizationPresets } from "../rules/presets";
import * as repo from "../repositories/secrets";
import { fingerprint, fingerprintPrefix } from "../crypto/fingerprint";
import { seal } from "../crypto/cipher";
import type { SecretStatusDto } from "./schemas";

export interface SecretTarget {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

async function loadTarget(t: SecretTarget, tx?: Tx) {
  const target = await repo.findSecretTarget(t.projectId, t.componentId, t.environmentId, tx);
  if (!target)
    throw new AppError("NOT_FOUND", "Component or environment not found in this project");
  const bundle = await repo.findBundleDefinition(
    t.organizationId,
    target.component.bundleName,
    target.component.version,
    tx,
  );
  return { ...target, bundle };
}

/**
 * The instance row, created when missing with what everyone shows for a missing row (the
 * first preset the environment allows, else schema defaults: server/domain/instances), so
 * writing a secret or outputs, or requesting a deployment, changes no visible configuration.
 */
export async function ensureShownInstance(
  tx: Tx,
  t: SecretTarget,
  bundle: BundleDefinition | null,
  environment: EnvironmentRef,
): Promise<string> {
  const presets = bundle
    ? (await organizationPresets(t.organizationId, tx)).filter((p) => p.bundle === bundle.name)
    : [];
  return repo.ensureInstance(tx, t.projectId, t.componentId, t.environmentId, () => {
    const { config, version } = startingInstance(bundle?.params ?? {}, presets, environment);
    return { params: config.params, presetVersionId: version?.id ?? null };
  });
}

/** Required first, then by name: definitions are stored as JSONB, which does not keep key order. */
function declared(bundle: BundleDefinition | null) {
  return Object.entries(bundle?.app?.secrets ?? {}).sort(
    ([a, x], [b, y]) => Number(y.required) - Number(x.required) || a.localeCompare(b),
  );
}

async function statuses(
  t: SecretTarget,
  bundle: BundleDefinition | null,
  tx?: Tx,
): Promise<SecretStatusDto[]> {
  const rows = new Map(
    (await repo.listSecretRows(t.componentId, t.environmentId, tx)).map((r) => [r.name, r]),
  );
  const status = (
    name: string,
    meta: { title: string; description: string | null; required: boolean; declared: boolean },
  ): SecretStatusDto => {
    const row = rows.get(name);
    return {
      name,
      ...meta,
      set: !!row,
      fingerprint: row ? fingerprintPrefix(row.fingerprint) : null,
      updatedAt: row?.updatedAt ?? null,
      setBy: row?.setBy ?? null,
    };
  };
  const list = declared(bundle).map(([name, d]) =>
    status(name, {
      title: d.title,
      description: d.description ?? null,
      required: d.required,
      declared: true,
    }),
  );
  // Set under an earlier bundle version that declared it: listed so it can be cleared.
  for (const name of rows.keys()) {
    if (!list.some((s) => s.name === name))
      list.push(status(name, { title: name, description: null, required: false, declared: false }));
  }
  return list;
}

export async function listSecrets(t: SecretTarget): Promise<SecretStatusDto[]> {
  const { bundle } = await loadTarget(t);
  return statuses(t, bundle);
}

export async function setSecret(
  ctx: AuditContext & { userId: string | null },
  t: SecretTarget,
  name: string,
  value: string,
): Promise<SecretStatusDto> {
  return auditedWrite(ctx, async (tx) => {
    const { result, instanceId, before, after } = await writeSecret(tx, ctx, t, name, value);
    return {
      result,
      audit: {
        organizationId: t.organizationId,
        action: "secret.set",
        target: {
          type: "secret",
          id: `${instanceId}/${name}`,
          projectId: t.projectId,
          environmentId: t.environmentId,
          componentId: t.componentId,
        },
        before: before ? { name, fingerprint: before } : undefined,
        after: { name, fingerprint: after },
      },
    };
  });
}

/**
 * Seals and stores one declared secret inside a change that records it (`setSecret`, or a
 * preview's `up`); `before`/`after` are fingerprint prefixes, `changed` false when the value is
 * the one already set (nothing is written then).
 */
export async function writeSecret(
  tx: Tx,
  ctx: { userId: string | null },
  t: SecretTarget,
  name: string,
  value: string,
  options: { onlyIfChanged?: boolean } = {},
) {
  const { bundle, component, environment } = await loadTarget(t, tx);
  const names = declared(bundle).map(([n]) => n);
  if (!names.includes(name)) {
    const rule =
      names.length === 0
        ? `${component.bundleName}@${component.version} declares no secrets`
        : `declared secrets of ${component.bundleName}@${component.version}: ${names.join(", ")}`;
    throw new AppError("BAD_REQUEST", `name: "${name}" is not a declared secret; ${rule}`, {
      fields: { name: [`is not a declared secret (${rule})`] },
    });
  }
  const instanceId = await ensureShownInstance(tx, t, bundle, environment);
  const hex = fingerprint(value, t.organizationId);
  const current = options.onlyIfChanged ? await repo.secretFingerprint(tx, instanceId, name) : null;
  const previous =
    current === hex
      ? current
      : await repo.upsertSecret(tx, {
          instanceId,
          name,
          sealed: seal(value),
          fingerprint: hex,
          setById: ctx.userId,
        });
  const result = (await statuses(t, bundle, tx)).find((s) => s.name === name)!;
  return {
    result,
    instanceId,
    changed: current !== hex,
    before: previous ? fingerprintPrefix(previous) : null,
    after: fingerprintPrefix(hex),
  };
}

export async function clearSecret(
  ctx: AuditContext,
  t: SecretTarget,
  name: string,
): Promise<SecretStatusDto | null> {
  return auditedWrite(ctx, async (tx) => {
    const { bundle } = await loadTarget(t, tx);
    const previous = await repo.deleteSecret(tx, t.componentId, t.environmentId, name);
    if (!previous)
      throw new AppError("NOT_FOUND", `name: "${name}" is not set in this environment`, {
        fields: { name: ["is not set"] },
      });
    // Null when the secret is gone from the list altogether (it was no longer declared).
    const result = (await statuses(t, bundle, tx)).find((s) => s.name === name) ?? null;
    return {
      result,
      audit: {
        organizationId: t.organizationId,
        action: "secret.cleared",
        target: {
          type: "secret",
          id: `${previous.instanceId}/${name}`,
          projectId: t.projectId,
          environmentId: t.environmentId,
          componentId: t.componentId,
        },
        before: { name, fingerprint: fingerprintPrefix(previous.fingerprint) },
      },
    };
  });
}
