// What a run hands its provisioner, resolved when the run starts: the instance as it resolves
// now (values in clear, server only), checked against the snapshot frozen when it was
// requested. What the requester approved (bundle, params, secrets, its own env vars) must not
// have changed since; only what upstreams produced may have (a whole-environment apply feeds
// each consumer the outputs its producers made moments ago).
import { isDeepStrictEqual } from "node:util";
import { resolveForDeployment } from "../access/service";
import { deploymentSnapshot, type DeploymentSnapshot } from "../deployments/snapshot";
import { deploymentBlockers, describeBlocker } from "../domain/deployments/blockers";
import { AppError } from "../domain/errors";
import { servedLines } from "../domain/deployments/served";
import { fingerprinter } from "../crypto/fingerprint";
import type { Tx } from "../db";
import { environmentDefaultsFor } from "../repositories/environment-defaults";
import type { RunRow } from "../repositories/runs";
import type { ProvisionRequest, ServedLine } from "../provisioners/types";
import { isIacStep, runContext, type StateAccess } from "./run-context";

/** Environment defaults of this type are settings for provisioners, never consumer inputs. */
const ADMIN_CONNECTION = "admin-connection";

export type RunInputs = DeploymentSnapshot & { served: ServedLine[] };

export interface StartedRun {
  request: ProvisionRequest;
  /** The snapshot as resolved now (masked), and the lines it serves: the run's inputs. */
  inputs: RunInputs;
  provisioner: string;
  component: { id: string; name: string };
  environment: { slug: string };
}

// Key order is not compared: jsonb stores an object's keys in an order of its own.
const same = (a: unknown, b: unknown) => isDeepStrictEqual(a, b);

/** Env vars the requester set or derived from params: those fed by a line may move. */
function ownEnv(snapshot: DeploymentSnapshot) {
  return snapshot.env.filter(
    (v) =>
      !v.sources.some(
        (s) => s.kind === "connection" || (s.kind === "metadata" && s.path === "deployment_id"),
      ),
  );
}

/** Why the run must not start with what it resolves to now, or null. */
function drift(frozen: DeploymentSnapshot, now: DeploymentSnapshot): string | null {
  if (!same(frozen.bundle, now.bundle))
    return `the bundle changed since it was requested (${frozen.bundle.version} → ${now.bundle.version})`;
  if (!same(frozen.params, now.params)) return "its params changed since it was requested";
  if (!same(frozen.secrets, now.secrets)) return "its secrets changed since it was requested";
  const changed = ownEnv(now).find((v) => {
    const was = frozen.env.find((f) => f.name === v.name);
    return !was || was.value !== v.value || was.fingerprint !== v.fingerprint;
  });
  if (changed) return `env var ${changed.name} changed since it was requested`;
  return null;
}

/**
 * Why `now` is not what a reviewed plan saw (everything but the run's own id), or null.
 * Connection payloads count here: the plan's changes were computed from them.
 */
export function inputsDrift(planned: RunInputs, now: RunInputs): string | null {
  const why = drift(planned, now);
  if (why) return why.replace(" since it was requested", "");
  const connections = (s: DeploymentSnapshot) => s.connections.map((c) => [c.slot, c.payload]);
  if (!same(connections(planned), connections(now))) return "an input's connection changed";
  if (!same(planned.grants, now.grants)) return "a line's grants changed";
  if (!same(planned.served, now.served)) return "a line out of it changed (policy or consumer)";
  return null;
}

/** Resolves the run's instance now and builds its provision request; throws why it cannot. */
export async function startedRun(tx: Tx, run: RunRow, state: StateAccess): Promise<StartedRun> {
  if (!run.componentId || !run.instanceId)
    throw new AppError("NOT_FOUND", "the component was deleted after the run was requested");
  const target = {
    organizationId: run.organizationId,
    projectId: run.projectId,
    componentId: run.componentId,
    environmentId: run.environmentId,
  };
  const resolved = await resolveForDeployment(target, { tx, deploymentId: run.id });
  const { resolution, bundle, component, environment, diagram, artifactTypes } = resolved;
  const frozen = deploymentSnapshot(resolution, bundle, fingerprinter(run.organizationId));
  if (run.action !== "destroy") {
    const blockers = deploymentBlockers({
      action: run.action === "apply" ? "apply" : "plan",
      environment: environment.slug,
      resolution,
    });
    if (blockers.length > 0)
      throw new AppError("BAD_REQUEST", blockers.map(describeBlocker).join(" · "));
    const why = drift(run.snapshot as DeploymentSnapshot, frozen);
    if (why) throw new AppError("CONFLICT", `${why}; request it again`);
  }
  const lines = servedLines(diagram, component.id, {
    project: resolution.metadata.project,
    projectId: run.projectId,
    environment: environment.slug,
    environmentId: run.environmentId,
  });
  const settings = Object.fromEntries(
    (await environmentDefaultsFor(run.environmentId, tx))
      .filter((d) => d.type === ADMIN_CONNECTION && typeof d.payload.url === "string")
      .map((d) => [d.name, d.payload.url as string]),
  );
  const outputTypes = Object.fromEntries(
    bundle.artifacts.flatMap((a) => {
      const type = artifactTypes.get(a.type);
      return type ? [[a.key, type] as const] : [];
    }),
  );
  const provisioner = bundle.steps[0]?.provisioner ?? "none";
  const instanceId = run.instanceId;
  const context = isIacStep(provisioner)
    ? await runContext({ ...run, instanceId }, { resolution, bundle }, state)
    : undefined;
  return {
    request: {
      bundle: bundle.name,
      namePrefix: resolution.metadata.name_prefix,
      project: resolution.metadata.project,
      params: resolution.params,
      artifactTypes: outputTypes,
      lines,
      env: Object.fromEntries(
        resolution.env.flatMap((v) => (v.value === null ? [] : [[v.name, v.value] as const])),
      ),
      settings,
      previous: null,
      ...(context ? { run: context } : {}),
    },
    inputs: { ...frozen, served: lines },
    provisioner,
    component: { id: component.id, name: component.name },
    environment: { slug: environment.slug },
  };
}
