// Credentials for the state backend. A run gets Basic credentials of its own: the username names
// the deployment, the password is an HMAC of its id under a key derived from the process key, so
// nothing is stored and a run's credentials die with the run (the backend checks the run is still
// `running` on every request). Upstream states are handed to the same credentials: the backend
// lets a run only READ them.
import { createHmac, timingSafeEqual } from "node:crypto";
import { derivedKey } from "../crypto/cipher";
import { env } from "../env";
import type { StateBackendAccess } from "../provisioners/types";
import { upstreamInstances } from "../repositories/state";

const RUN_PREFIX = "run-";
let key: Buffer | undefined;

function runPassword(deploymentId: string): string {
  key ??= derivedKey("state-run-credential");
  return createHmac("sha256", key).update(deploymentId, "utf8").digest("base64url");
}

/** `<PATCHBAY_URL>/api/state/<instanceId>/<step>`: GET/POST, LOCK/UNLOCK on the same path. */
export function stateAddress(instanceId: string, step: string): string {
  return `${env().PATCHBAY_URL}/api/state/${encodeURIComponent(instanceId)}/${encodeURIComponent(step)}`;
}

interface RunRef {
  deploymentId: string;
  instanceId: string;
}

/** This run's own state for `step`: read, write and lock while the run is running. */
export function runStateAccess(run: RunRef, step: string): StateBackendAccess {
  return {
    address: stateAddress(run.instanceId, step),
    username: `${RUN_PREFIX}${run.deploymentId}`,
    password: runPassword(run.deploymentId),
  };
}

/**
 * Read-only access to the states of the instances (same environment) whose lines go into the
 * run's component, by the consumer's input slot. Their state is the one of the same step name
 * (bundles name their Terraform step alike).
 */
export async function upstreamStateAccess(
  run: RunRef,
  step: string,
): Promise<Record<string, StateBackendAccess>> {
  const upstream = await upstreamInstances(run.instanceId);
  return Object.fromEntries(
    upstream.map(({ slot, instanceId }) => [
      slot,
      runStateAccess({ deploymentId: run.deploymentId, instanceId }, step),
    ]),
  );
}

/** The deployment a Basic username/password pair was minted for, or null. */
export function runOfCredentials(username: string, password: string): string | null {
  if (!username.startsWith(RUN_PREFIX)) return null;
  const deploymentId = username.slice(RUN_PREFIX.length);
  const expected = Buffer.from(runPassword(deploymentId));
  const given = Buffer.from(password);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return deploymentId;
}
