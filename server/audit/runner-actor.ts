// The runner's audit identity, below every service: the runner and the state backend (which
// releases a lost run's locks, and is imported by the runner) both write as it.
import type { AuditContext } from "./types";

/** The runner writes as a system actor that names the deployment it acts for. */
export const runnerActor = (runId: string): AuditContext => ({
  actor: { type: "system", id: runId, label: `runner (deployment ${runId})` },
  meta: {},
});
