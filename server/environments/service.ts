// Changing a project's environments: create, rename, class, decommission protection, fork,
// delete. Each is one transaction with one audit event; a refusal throws before anything is
// written, so the database is left exactly as it was. Authorization is the router's job.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import type { Tx } from "../db";
import {
  assertDeletable,
  planFork,
  previewDeletionFacts,
  type EnvironmentClass,
  type EnvironmentSpec,
} from "../domain/environments";
import { AppError } from "../domain/errors";
import { assertNotBorrowed } from "../domain/references/rules";
import { borrowersOf } from "../repositories/publications";
import { refitPins, type ReplacedPin } from "../domain/presets/fork-pins";
import { organizationPresets } from "../rules/presets";
import { organizationSettings } from "../repositories/organization-settings";
import * as environments from "../repositories/environments";
import * as projects from "../repositories/projects";
import type { EnvironmentDto } from "../repositories/projects";

export interface EnvironmentScope {
  organizationId: string;
  projectId: string;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;

const target = (scope: EnvironmentScope, environmentId: string) => ({
  type: "environment",
  id: environmentId,
  projectId: scope.projectId,
  environmentId,
});

const slugTaken = (slug: string) =>
  new AppError("CONFLICT", `slug: an environment named "${slug}" already exists in this project`, {
    fields: { slug: ["is already taken in this project"] },
  });

/**
 * Runs `insert` for a new environment with `slug`, refusing a slug already taken: checked
 * first for the common case, and mapped from the unique index for two writers racing.
 */
async function withFreeSlug<T>(
  tx: Tx,
  projectId: string,
  slug: string,
  insert: () => Promise<T>,
): Promise<T> {
  if (await projects.environmentSlugTaken(tx, projectId, slug)) throw slugTaken(slug);
  try {
    return await insert();
  } catch (error) {
    if (environments.isSlugViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

async function lock(
  tx: Tx,
  scope: EnvironmentScope,
  environmentId: string,
  field = "environmentId",
) {
  const environment = await environments.lockEnvironment(tx, scope.projectId, environmentId);
  if (!environment)
    throw new AppError("NOT_FOUND", `${field}: no such environment in this project`, {
      fields: { [field]: ["is not an environment of this project"] },
    });
  return environment;
}

export async function createEnvironment(
  ctx: AuditContext,
  scope: EnvironmentScope,
  spec: EnvironmentSpec,
): Promise<EnvironmentDto> {
  return auditedWrite(ctx, async (tx) => {
    const environment = await withFreeSlug(tx, scope.projectId, spec.slug, () =>
      projects.createEnvironment(tx, { ...spec, projectId: scope.projectId }),
    );
    return {
      result: environment,
      audit: {
        organizationId: scope.organizationId,
        action: "environment.created",
        target: target(scope, environment.id),
        after: environment,
      },
    };
  });
}

type Change = { name: string } | { class: EnvironmentClass } | { protected: boolean };

const ACTIONS = {
  name: "environment.renamed",
  class: "environment.class-changed",
  protected: "environment.protection-changed",
} as const;

/**
 * One property of one environment (name, class or decommission protection), audited with before →
 * after.
 */
export async function changeEnvironment(
  ctx: AuditContext,
  scope: EnvironmentScope,
  environmentId: string,
  change: Change,
): Promise<EnvironmentDto> {
  const [key] = Object.keys(change) as (keyof typeof ACTIONS)[];
  return auditedWrite(ctx, async (tx) => {
    const before = await lock(tx, scope, environmentId);
    const after = await environments.updateEnvironment(tx, environmentId, change);
    return {
      result: after,
      audit: {
        organizationId: scope.organizationId,
        action: ACTIONS[key!],
        target: target(scope, environmentId),
        before: { slug: before.slug, [key!]: before[key!] },
        after: { slug: after.slug, [key!]: after[key!] },
      },
    };
  });
}

export interface ForkInput {
  fromEnvironmentId: string;
  slug: string;
  name: string;
  class?: EnvironmentClass;
}

/**
 * A new environment with the source's configuration (see `planFork`): never its secrets,
 * defaults, deployments or status. Pins the new environment does not allow (a production-only
 * preset in a preview, Development in production, custom values where the guardrail wants a
 * preset) are replaced by the bundle's default preset there, and listed as `replaced`.
 */
export async function forkEnvironment(
  ctx: AuditContext,
  scope: EnvironmentScope,
  input: ForkInput,
): Promise<EnvironmentDto & { replaced: ReplacedPin[] }> {
  return auditedWrite(ctx, async (tx) => {
    const { environment, replaced, after } = await forkWithin(tx, scope, input);
    return {
      result: { ...environment, replaced },
      audit: {
        organizationId: scope.organizationId,
        action: "environment.forked",
        target: target(scope, environment.id),
        after,
      },
    };
  });
}

/**
 * The fork itself, inside a change that records it (`forkEnvironment`, or a preview's `up`):
 * the new environment, the pins it replaced and what its audit event says.
 */
export async function forkWithin(tx: Tx, scope: EnvironmentScope, input: ForkInput) {
  const source = await lock(tx, scope, input.fromEnvironmentId, "fromEnvironmentId");
  const environmentClass = input.class ?? source.class;
  const [copy, presets, settings] = await Promise.all([
    environments.forkSource(tx, source.id),
    organizationPresets(scope.organizationId, tx),
    organizationSettings(scope.organizationId, tx),
  ]);
  const fitted = refitPins(
    copy.instances,
    presets,
    { slug: input.slug, class: environmentClass },
    settings.requireProductionPresets,
  );
  const plan = planFork(fitted.instances, copy.environmentDefaults, copy.linkPolicies);
  const spec = {
    projectId: scope.projectId,
    slug: input.slug,
    name: input.name,
    class: environmentClass,
    tags: source.tags,
    forkedFromId: source.id,
  };
  const environment = await withFreeSlug(tx, scope.projectId, input.slug, () =>
    environments.createFork(tx, spec, plan.instances, plan.linkPolicies),
  );
  const after = {
    slug: environment.slug,
    name: environment.name,
    class: environmentClass,
    from: { id: source.id, slug: source.slug },
    copied: {
      ...plan.summary,
      tags: Object.keys((source.tags as Record<string, unknown>) ?? {}).length,
    },
    replaced: fitted.replaced,
  };
  return { environment, replaced: fitted.replaced, after };
}

/**
 * Deletes an environment that is unprotected and has nothing deployed (see `assertDeletable`);
 * `preview`: a preview's, with its deployment history (see `previewDeletionFacts`).
 */
export async function deleteEnvironment(
  ctx: AuditContext,
  scope: EnvironmentScope,
  environmentId: string,
  options: { preview?: boolean } = {},
): Promise<{ id: string; slug: string }> {
  return auditedWrite(ctx, async (tx) => {
    const environment = await lock(tx, scope, environmentId);
    const facts = await environments.deletionFacts(tx, environment);
    assertDeletable(options.preview ? previewDeletionFacts(facts) : facts);
    assertNotBorrowed(`deleting ${environment.slug}`, await borrowersOf({ environmentId }, tx));
    const removed = await environments.deleteEnvironment(tx, environmentId);
    return {
      result: { id: environment.id, slug: environment.slug },
      audit: {
        organizationId: scope.organizationId,
        action: "environment.deleted",
        target: target(scope, environmentId),
        before: {
          slug: environment.slug,
          name: environment.name,
          class: environment.class,
          // Strings, not counts under keys: the audit redactor fingerprints any value under a key
          // naming a secret.
          removedWithIt: [
            count(removed.instances, "instance"),
            count(removed.secrets, "secret"),
            count(removed.environmentDefaults, "environment default"),
          ],
        },
      },
    };
  });
}
