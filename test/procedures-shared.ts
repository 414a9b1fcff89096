// The shared tier's rows of the authorization matrix (test/procedures.ts reads them in).
import type { Fixture, ProcedureCase } from "./procedures";
import {
  referencedTarget,
  referenceTarget,
  scratchImported,
  scratchPublication,
} from "./shared-targets";

const CLUSTER = {
  name: "matrix",
  server: "https://matrix.example.com",
  "certificate-authority-data": "LS0t",
  token: "matrix-token",
  provider: "aws",
};

export const SHARED_PROCEDURES: Record<string, ProcedureCase> = {
  "publication.list": { minimum: "viewer", input: (f: Fixture) => ({ projectId: f.projectId }) },
  "publication.publish": {
    minimum: "ops",
    input: async (f: Fixture) => ({
      environmentId: await f.scratchEnvironment(),
      componentId: f.database,
      artifact: "database",
    }),
  },
  "publication.setAudience": {
    minimum: "ops",
    input: async (f: Fixture) => ({ ...(await scratchPublication(f.harness)), audience: [] }),
  },
  "publication.unpublish": {
    minimum: "ops",
    input: (f: Fixture) => scratchPublication(f.harness),
  },
  "reference.list": { minimum: "viewer", input: (f: Fixture) => ({ environmentId: f.production }) },
  "reference.options": {
    minimum: "viewer",
    input: (f: Fixture) => ({ environmentId: f.production, componentId: f.api, slot: "cluster" }),
  },
  "reference.set": { minimum: "developer", input: (f: Fixture) => referenceTarget(f.harness) },
  "reference.clear": { minimum: "developer", input: (f: Fixture) => referencedTarget(f.harness) },
  "reference.guardrail": {
    minimum: "viewer",
    input: (f: Fixture) => ({ organizationId: f.organizationId }),
  },
  "reference.setGuardrail": {
    minimum: "owner",
    input: (f: Fixture) => ({ organizationId: f.organizationId, refuseProductionReferences: true }),
  },
  "importedArtifact.list": {
    minimum: "viewer",
    input: (f: Fixture) => ({ organizationId: f.organizationId }),
  },
  "importedArtifact.types": {
    minimum: "viewer",
    input: (f: Fixture) => ({ organizationId: f.organizationId }),
  },
  "importedArtifact.history": {
    minimum: "viewer",
    input: async (f: Fixture) => ({
      organizationId: f.organizationId,
      id: await scratchImported(f.harness),
    }),
  },
  "importedArtifact.create": {
    minimum: "ops",
    input: (f: Fixture) => ({
      organizationId: f.organizationId,
      name: `cluster-${f.suffix()}`,
      type: "kubernetes-cluster",
      payload: CLUSTER,
    }),
  },
  "importedArtifact.update": {
    minimum: "ops",
    input: async (f: Fixture) => ({
      organizationId: f.organizationId,
      id: await scratchImported(f.harness),
      name: `cluster-${f.suffix()}`,
      payload: CLUSTER,
    }),
  },
  "importedArtifact.remove": {
    minimum: "ops",
    input: async (f: Fixture) => ({
      organizationId: f.organizationId,
      id: await scratchImported(f.harness),
    }),
  },
};
