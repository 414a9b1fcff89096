// The runner's side of the state backend: per-run credentials for an instance's state, read
// access to upstream states, and releasing a run's locks. Filled in from server/state.
import { AppError } from "../domain/errors";
import type { ProvisionerDeps } from "../provisioners";
import type { StateAccess } from "./run-context";

export type RunnerState = StateAccess & ProvisionerDeps;

const missing = () => {
  throw new AppError("PRECONDITION_FAILED", "this server has no state backend yet");
};

export const runnerState: RunnerState = {
  run: missing,
  upstream: missing,
  releaseLocks: async () => {},
};
