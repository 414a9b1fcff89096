import type { AuditContext } from "../audit/types";

/** The runner writes as a system actor that names the deployment it acts for. */
export const runnerActor = (runId: string): AuditContext => ({
  actor: { type: "system", id: runId, label: `runner (deployment ${runId})` },
  meta: {},
});
