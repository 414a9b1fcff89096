// Resolving a component in an environment: the repositories assemble the plain input of
// the pure `resolveInstance` (server/domain/access), which computes params, connection
// payloads, grants and env vars. Authorization is the router's job; redaction happens
// here, so nothing but the audited reveal ever returns a sensitive value.
import { auditedWrite } from "../changes/audited-write";
import type { AuditContext } from "../audit/types";
import { blastRadius } from "../domain/access/blast-radius";
import { sensitivePaths } from "../domain/catalog/schema-path";
import { codeView } from "../domain/deployments/code-view";
import { redactResolution } from "../domain/access/redact";
import { resolveInstance } from "../domain/access/resolve";
import type { LinkSourceInput } from "../domain/access/resolve-types";
import type { Tx } from "../db";
import { borrowersOf } from "../repositories/publications";
import { AppError } from "../domain/errors";
import { deploymentBlockers, type DeploymentBlocker } from "../domain/deployments/blockers";
import { shownInstance } from "../domain/instances/shown";
import { bundleRef, linkPoliciesIn, type InstanceConfig } from "../domain/graph/types";
import { outputKey } from "../repositories/access";
import { openSensitive } from "../repositories/environment-defaults";
import { mergeSensitive } from "../domain/access/split-sensitive";
import { pinnedVersion } from "../rules/presets";
import { loadScope, type Scope } from "./scope";

interface Target {
  organizationId: string;
  projectId: string;
  componentId: string;
  environmentId: string;
}

interface ResolveOptions {
  /** Read inside this transaction (a deployment request resolves what it freezes, atomically). */
  tx?: Tx;
  /** The deployment the resolution is frozen for (`metadata.deployment_id`). */
  deploymentId?: string;
}

function resolveIn(scope: Scope, componentId: string, deploymentId?: string) {
  const { diagram, cascade, catalog, runtime, environmentDefaults, references, environmentId } =
    scope;
  const { bundles, types: artifactTypes, presets } = catalog;
  const component = scope.components.get(componentId);
  if (!component) throw new AppError("NOT_FOUND", "componentId: not a component of this project");
  const bundle = bundles.get(bundleRef(component.bundle, component.version));
  if (!bundle)
    throw new AppError(
      "NOT_FOUND",
      `componentId: ${component.bundle}@${component.version} is not in the catalog`,
    );

  const presetValues = (bundleName: string, config: InstanceConfig) =>
    pinnedVersion(presets, bundleName, config)?.values ?? null;
  // A component never edited here resolves as the canvas shows it (server/domain/instances).
  const config = (id: string): InstanceConfig => {
    const c = scope.components.get(id)!;
    return shownInstance(
      diagram.instances[id]?.[environmentId],
      bundles.get(bundleRef(c.bundle, c.version))?.params ?? {},
      scope.presetsOf.get(c.bundle) ?? [],
      cascade.environment,
    );
  };
  const into = scope.linksInto.get(componentId) ?? [];
  // What the upstream instance produced, its sealed fields opened (redaction happens on the way
  // out).
  const produced = (componentId: string, slot: string, linkId: string) => {
    const artifacts = runtime.get(componentId)?.artifacts;
    const artifact = artifacts?.get(outputKey(slot, linkId)) ?? artifacts?.get(slot);
    return artifact ? mergeSensitive(artifact.payload, openSensitive(artifact.sensitive)) : null;
  };

  const links: LinkSourceInput[] = into.flatMap((l) => {
    const from = scope.components.get(l.from);
    const upstreamBundle = from && bundles.get(bundleRef(from.bundle, from.version));
    if (!from || !upstreamBundle) return [];
    const upstream = config(from.id);
    return [
      {
        kind: "link" as const,
        linkId: l.id,
        slot: l.toSlot,
        policies: [...linkPoliciesIn(l, environmentId)],
        from: {
          componentId: from.id,
          name: from.name,
          project: cascade.project.slug,
          artifact: l.fromArtifact,
        },
        upstream: {
          payload: produced(from.id, l.fromArtifact, l.id),
          params: {
            schema: upstreamBundle.params,
            preset: presetValues(from.bundle, upstream),
            overrides: upstream.params,
          },
        },
      },
    ];
  });
  const own = config(componentId);
  const resolution = resolveInstance({
    bundle,
    artifactTypes,
    organization: cascade.organization,
    project: cascade.project,
    environment: cascade.environment,
    component: {
      id: component.id,
      name: component.name,
      tags: cascade.components.get(component.id),
    },
    instance: {
      preset: presetValues(component.bundle, own),
      params: own.params,
      secretsSet: runtime.get(componentId)?.secretsSet ?? [],
      deploymentId,
    },
    links,
    references: references.get(componentId) ?? [],
    environmentDefaults,
  });
  return {
    resolution,
    diagram,
    bundles,
    artifactTypes,
    bundle,
    component,
    environment: cascade.environment,
  };
}

async function resolveRaw(target: Target, { tx, deploymentId }: ResolveOptions = {}) {
  const scope = await loadScope(target, target.componentId, tx);
  return resolveIn(scope, target.componentId, deploymentId);
}

/**
 * What blocks a plan of each component of an environment (the resolver's problems: a required
 * secret or line missing, a policy no longer offered …), read once for the whole diagram: the
 * canvas badges every component from this one call. Names and rules only, never a value.
 */
export async function blockersForEnvironment(
  target: Omit<Target, "componentId">,
): Promise<{ componentId: string; blockers: DeploymentBlocker[] }[]> {
  const scope = await loadScope(target, null);
  const environment = scope.cascade.environment.slug;
  return scope.diagram.components.flatMap((c) => {
    if (!scope.catalog.bundles.has(bundleRef(c.bundle, c.version))) return [];
    const { resolution } = resolveIn(scope, c.id);
    const blockers = deploymentBlockers({ action: "plan", environment, resolution });
    return blockers.length > 0 ? [{ componentId: c.id, blockers }] : [];
  });
}

/**
 * The unredacted resolution a deployment is frozen from, with the bundle it runs. Server
 * only: the caller must strip sensitive values before storing or returning any of it.
 */
export async function resolveForDeployment(
  target: Target,
  options: ResolveOptions & { tx: Tx; deploymentId: string },
) {
  return resolveRaw(target, options);
}

/**
 * The resolution as a browser may see it, plus the component's blast radius in this environment.
 */
export async function resolveForView(target: Target) {
  const [{ resolution, diagram, bundles, artifactTypes }, borrowers] = await Promise.all([
    resolveRaw(target),
    borrowersOf({
      projectId: target.projectId,
      componentId: target.componentId,
      environmentId: target.environmentId,
    }),
  ]);
  return {
    borrowers,
    ...redactResolution(resolution),
    radius: blastRadius(
      diagram,
      target.componentId,
      { bundles, artifactTypes },
      target.environmentId,
    ),
  };
}

/**
 * The Code tab: the tfvars a deployment of the component would receive now, secrets by name.
 */
export async function codeForView(target: Target) {
  const { resolution, bundle, component, environment } = await resolveRaw(target);
  return {
    component: component.name,
    environment: environment.slug,
    bundle: { name: bundle.name, version: bundle.version },
    provisioner: bundle.steps[0]?.provisioner ?? null,
    ...codeView(resolution, sensitivePaths(bundle.params)),
  };
}

/**
 * One env var's value in clear, written to the audit trail (name and component, never the value).
 */
export async function revealEnvVar(ctx: AuditContext, target: Target, name: string) {
  const { resolution, component, environment } = await resolveRaw(target);
  const variable = resolution.env.find((v) => v.name === name);
  if (!variable)
    throw new AppError(
      "NOT_FOUND",
      `name: ${component.name} receives no environment variable "${name}"`,
    );
  if (variable.value === null)
    throw new AppError(
      "BAD_REQUEST",
      `name: ${name} has no value yet (it depends on a connection that is not deployed)`,
    );
  return auditedWrite(ctx, async () => ({
    result: { name, value: variable.value as string },
    touched: [], // reading moves no environment: nothing for the history
    audit: {
      organizationId: target.organizationId,
      action: "env.revealed",
      target: {
        type: "instance",
        id: `${component.id}/${environment.id}`,
        componentId: component.id,
        environmentId: environment.id,
        projectId: target.projectId,
      },
      after: {
        component: component.name,
        environment: environment.name,
        variable: name,
        sensitive: variable.sensitive,
      },
    },
  }));
}
