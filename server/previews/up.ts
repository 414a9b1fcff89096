// `preview up`: converge a preview environment on what a preview file asks for, in one audited
// change. The first time it forks the base environment (as non-production: production-only
// preset pins are replaced; secrets are copied only when the file says so and the caller is ops);
// every time it merges each component's param overrides (through the diagram's own write path,
// so locked preset fields and ranges hold), sets the secrets whose value changed, carries over
// the environment defaults named, and moves the expiry on. What it changed is listed; nothing at
// all when the file and the environment already agree. Deploying is the caller's next step
// (`deployment.deployEnvironment` with `onlyChanged`).
import { isDeepStrictEqual } from "node:util";
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import type { Tx } from "../db";
import { forkWithin } from "../environments/service";
import { writeDiagramOps } from "../diagram/service";
import type { Op } from "../domain/graph/ops";
import { AppError } from "../domain/errors";
import type { ExpandedSpec } from "../domain/preview/expand";
import { type Role, atLeast } from "../domain/roles";
import { env } from "../env";
import { loadDiagram } from "../repositories/diagram";
import * as repo from "../repositories/previews";
import { writeSecret } from "../secrets/service";
import { carryDefaults } from "./defaults";

export interface PreviewScope {
  organizationId: string;
  projectId: string;
  role: Role;
}

export type PreviewUpInput = Omit<ExpandedSpec, "project" | "baseEnvironment"> & {
  baseEnvironment: string;
  /** The preview environment's slug (e.g. `pr-42`). */
  name: string;
  pullRequest?: string;
};

export interface PreviewUpResult {
  environment: { id: string; slug: string; name: string; pullRequest: string | null };
  expiresAt: Date;
  created: boolean;
  /** Human lines, one per change; empty when nothing changed. */
  changes: string[];
  replaced: { component: string; from: string; to: string | null }[];
}

const refuse = (field: string, rule: string) =>
  new AppError("BAD_REQUEST", `${field}: ${rule}`, { fields: { [field]: [rule] } });

export async function previewUp(
  ctx: AuditContext & { userId: string | null },
  scope: PreviewScope,
  input: PreviewUpInput,
): Promise<PreviewUpResult> {
  if (input.copySecrets && !atLeast(scope.role, "ops"))
    throw new AppError(
      "FORBIDDEN",
      "copySecrets: copying the base environment's secrets into a preview needs ops",
      { fields: { copySecrets: ["needs ops"] }, rule: "role" },
    );
  return auditedWrite(ctx, async (tx) => {
    const base = await repo.environmentBySlug(tx, scope.projectId, input.baseEnvironment);
    if (!base)
      throw refuse("baseEnvironment", `no environment "${input.baseEnvironment}" in this project`);
    const changes: string[] = [];
    const { environment, created, replaced } = await ensurePreview(tx, scope, input, base, changes);
    await overrideParams(tx, scope, environment.id, input, changes);
    await setSecrets(tx, ctx, scope, environment.id, input, changes);
    await carryDefaults(tx, scope.projectId, { base, previewId: environment.id }, input, {
      created,
      changes,
    });
    const tags = { ...(base.tags as Record<string, string>), ...input.tags };
    if (!created && !isDeepStrictEqual(environment.tags, tags)) changes.push("tags");
    const hours = input.ttlHours ?? env().PATCHBAY_PREVIEW_TTL_HOURS;
    const expiresAt = new Date(Date.now() + hours * 3_600_000);
    const pullRequest = input.pullRequest ?? environment.pullRequest ?? null;
    await repo.markPreview(tx, environment.id, { pullRequest, expiresAt, tags });
    const result: PreviewUpResult = {
      environment: {
        id: environment.id,
        slug: environment.slug,
        name: environment.name,
        pullRequest,
      },
      expiresAt,
      created,
      changes,
      replaced,
    };
    return {
      result,
      touched:
        changes.length > 0 ? [{ projectId: scope.projectId, environmentId: environment.id }] : [],
      audit: {
        organizationId: scope.organizationId,
        action: created
          ? "preview.created"
          : changes.length > 0
            ? "preview.updated"
            : "preview.unchanged",
        target: {
          type: "environment",
          id: environment.id,
          projectId: scope.projectId,
          environmentId: environment.id,
        },
        after: {
          slug: environment.slug,
          from: base.slug,
          pullRequest,
          changes,
          expiresAt: expiresAt.toISOString(),
        },
      },
    };
  });
}

async function ensurePreview(
  tx: Tx,
  scope: PreviewScope,
  input: PreviewUpInput,
  base: repo.PreviewEnvironmentRow,
  changes: string[],
) {
  const existing = await repo.environmentBySlug(tx, scope.projectId, input.name);
  if (existing) {
    if (!existing.preview)
      throw new AppError(
        "CONFLICT",
        `name: "${input.name}" is an environment of this project that is not a preview; choose another name`,
        { fields: { name: ["is taken by an environment that is not a preview"] } },
      );
    if (existing.forkedFromId !== base.id)
      throw refuse(
        "baseEnvironment",
        `preview "${input.name}" was forked from another environment`,
      );
    return { environment: existing, created: false, replaced: [] };
  }
  const fork = await forkWithin(tx, scope, {
    fromEnvironmentId: base.id,
    slug: input.name,
    name: input.pullRequest ? `Preview ${input.pullRequest}` : `Preview ${input.name}`,
    class: "non_production",
  });
  changes.push(`created from ${base.slug}`);
  for (const r of fork.replaced)
    changes.push(
      `${r.component}: preset ${r.from} replaced by ${r.to ?? "no preset"} (not allowed in a preview)`,
    );
  if (input.copySecrets) {
    const copied = await repo.copySecrets(tx, base.id, fork.environment.id);
    changes.push(`${copied} secret${copied === 1 ? "" : "s"} copied from ${base.slug}`);
  }
  const environment = (await repo.environmentBySlug(tx, scope.projectId, input.name))!;
  return { environment, created: true, replaced: fork.replaced };
}

async function overrideParams(
  tx: Tx,
  scope: PreviewScope,
  environmentId: string,
  input: PreviewUpInput,
  changes: string[],
) {
  const stored = await loadDiagram(scope.projectId, tx);
  if (!stored) throw new AppError("NOT_FOUND", "Project not found");
  const ops: Op[] = [];
  for (const [name, overrides] of Object.entries(input.components)) {
    const component = stored.diagram.components.find((c) => c.name === name);
    if (!component)
      throw refuse(`components.${name}`, `no component named "${name}" in this project`);
    const current = stored.diagram.instances[component.id]?.[environmentId] ?? {
      params: {},
      preset: null,
    };
    const params = { ...current.params, ...overrides.params };
    const moved = Object.keys(overrides.params).filter(
      (k) => !isDeepStrictEqual(current.params[k], params[k]),
    );
    if (moved.length === 0) continue;
    ops.push({
      op: "setInstance",
      component: component.id,
      environment: environmentId,
      config: { ...current, params },
    });
    changes.push(`${name}: params ${moved.join(", ")}`);
  }
  if (ops.length > 0) await writeDiagramOps(tx, scope.projectId, stored.revision, ops, scope.role);
}

async function setSecrets(
  tx: Tx,
  ctx: { userId: string | null },
  scope: PreviewScope,
  environmentId: string,
  input: PreviewUpInput,
  changes: string[],
) {
  const stored = (await loadDiagram(scope.projectId, tx))!;
  for (const [name, overrides] of Object.entries(input.components)) {
    const component = stored.diagram.components.find((c) => c.name === name)!;
    for (const secret of overrides.secrets) {
      const t = { ...scope, componentId: component.id, environmentId };
      const written = await writeSecret(tx, ctx, t, secret.name, secret.value, {
        onlyIfChanged: true,
      }).catch((error: unknown) => {
        if (error instanceof AppError)
          throw refuse(`components.${name}.secrets.${secret.name}`, error.message);
        throw error;
      });
      if (written.changed) changes.push(`${name}: secret ${secret.name} set`);
    }
  }
}
