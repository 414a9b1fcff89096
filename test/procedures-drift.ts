// The drift procedures' rows of the authorization matrix (test/procedures.ts reads them in).
import type { Fixture, ProcedureCase } from "./procedures";

export const DRIFT_PROCEDURES: Record<string, ProcedureCase> = {
  "deployment.drift": {
    minimum: "viewer",
    input: (f: Fixture) => ({ projectId: f.projectId, environmentId: f.staging }),
  },
  "deployment.checkDrift": {
    minimum: "developer",
    // A fresh environment: nothing deployed there, so the check queues nothing.
    input: async (f: Fixture) => ({
      projectId: f.projectId,
      environmentId: await f.scratchEnvironment(),
    }),
  },
  "deployment.reconcile": {
    minimum: "developer",
    // Never applied in production: past the role check there is nothing to reconcile to.
    input: (f: Fixture) => ({
      projectId: f.projectId,
      environmentId: f.production,
      componentId: f.database,
    }),
  },
  "environment.setDriftSchedule": {
    minimum: "ops",
    input: async (f: Fixture) => ({
      projectId: f.projectId,
      environmentId: await f.scratchEnvironment(),
      cron: "0 * * * *",
    }),
  },
};
