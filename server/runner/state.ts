// The runner's side of the state backend (server/state): per-run credentials for an instance's
// state, read access to upstream states (the backend lets a run only read an instance that is
// not its own), and releasing the locks a cancelled or killed run left.
import type { ProvisionerDeps } from "../provisioners";
import { runStateAccess, upstreamStateAccess } from "../state/credentials";
import { releaseRunLocks } from "../state/release";
import type { StateAccess } from "./run-context";

export type RunnerState = StateAccess & ProvisionerDeps;

export const runnerState: RunnerState = {
  run: runStateAccess,
  upstreams: upstreamStateAccess,
  releaseLocks: releaseRunLocks,
};
