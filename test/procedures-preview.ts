// The preview procedures' rows of the authorization matrix (test/procedures.ts reads them in).
import type { Fixture, ProcedureCase } from "./procedures";

export const PREVIEW_PROCEDURES: Record<string, ProcedureCase> = {
  "preview.list": {
    minimum: "viewer",
    input: (f: Fixture) => ({ projectId: f.projectId }),
  },
  "preview.up": {
    minimum: "developer",
    // A fresh preview of staging with one param override.
    input: (f: Fixture) => ({
      projectId: f.projectId,
      name: `pr-${f.suffix()}`,
      baseEnvironment: "staging",
      pullRequest: "#7",
      ttlHours: 2,
    }),
  },
  "preview.down": {
    minimum: "developer",
    // Nothing deployed in it: past the role check it is deleted.
    input: async (f: Fixture) => ({ projectId: f.projectId, name: await f.scratchPreview() }),
  },
};
