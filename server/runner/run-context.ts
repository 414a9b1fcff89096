// The run context of an IaC step: where the bundle's source is on disk, the metadata bag, each
// input slot's payload with the grants of its line, this run's access to the instance's state
// and read-only access to the states of the instances its lines come from, and every value
// the provisioner must never show.
import path from "node:path";
import { catalogRoot } from "../catalog/root";
import { containedPath, realRoot } from "../bundles/contained-path";
import type { InstanceResolution } from "../domain/access/resolve-types";
import { splitSensitive } from "../domain/access/split-sensitive";
import type { BundleDefinition } from "../domain/catalog/types";
import { sensitivePaths } from "../domain/catalog/schema-path";
import { tfvarsConnections } from "../domain/deployments/tfvars";
import { AppError } from "../domain/errors";
import type { RunContext, StateBackendAccess } from "../provisioners/types";
import type { RunRow } from "../repositories/runs";

/** How the runner reaches the state backend (server/state): injected, so tests can too. */
export interface StateAccess {
  run(run: { deploymentId: string; instanceId: string }, step: string): StateBackendAccess;
  /** Read-only access to the states (of the same step) of the instances its lines come from. */
  upstreams(
    run: { deploymentId: string; instanceId: string },
    step: string,
  ): Promise<Record<string, StateBackendAccess>>;
}

const IAC = new Set(["terraform", "opentofu"]);

export const isIacStep = (provisioner: string) => IAC.has(provisioner);

/**
 * The bundle's folder inside the catalog directory (never outside it); "" when it is not on
 * this server (an organization's import): the provisioner that needs it says so.
 */
function bundleDirOf(bundle: BundleDefinition): string {
  try {
    const root = realRoot(catalogRoot());
    return containedPath(root, root, path.dirname(bundle.source)).path ?? "";
  } catch {
    return "";
  }
}

function secretsOf(resolution: InstanceResolution, bundle: BundleDefinition): string[] {
  const values = [
    ...Object.values(splitSensitive(resolution.params, sensitivePaths(bundle.params)).sensitive),
    ...resolution.connections.flatMap((c) =>
      c.payload ? Object.values(splitSensitive(c.payload, c.sensitive).sensitive) : [],
    ),
    ...resolution.env.flatMap((v) => (v.sensitive && v.value !== null ? [v.value] : [])),
  ];
  return values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
}

export async function runContext(
  run: RunRow & { instanceId: string },
  resolved: { resolution: InstanceResolution; bundle: BundleDefinition },
  state: StateAccess,
): Promise<RunContext> {
  const { resolution, bundle } = resolved;
  const step = bundle.steps[0];
  if (!step) throw new AppError("BAD_REQUEST", `${bundle.name} has no step to run`);
  const who = { deploymentId: run.id, instanceId: run.instanceId };
  return {
    ...who,
    bundleDir: bundleDirOf(bundle),
    step,
    metadata: {
      name_prefix: resolution.metadata.name_prefix,
      default_tags: resolution.metadata.default_tags,
    },
    connections: tfvarsConnections(resolution),
    state: state.run(who, step.path),
    upstreamStates: await state.upstreams(who, step.path),
    secrets: secretsOf(resolution, bundle),
  };
}
