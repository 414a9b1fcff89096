import { describe, expect, it } from "vitest";
import type { Diagram } from "../graph/types";
import { buildSnapshot, type SnapshotSource } from "./build-snapshot";
import { diffEnvironments } from "./diff";

const diagram: Diagram = {
  components: [
    { id: "c-db", name: "database", bundle: "postgres", version: "1.2.0", x: 0, y: 0 },
    { id: "c-api", name: "api", bundle: "service", version: "2.0.0", x: 300, y: 0 },
    { id: "c-new", name: "worker", bundle: "service", version: "2.0.0", x: 300, y: 200 },
  ],
  links: [
    {
      id: "l-1",
      from: "c-db",
      fromArtifact: "database",
      to: "c-api",
      toSlot: "database",
      policies: ["read"],
      policiesIn: { production: ["read-write"] },
    },
  ],
  instances: {
    "c-db": {
      staging: { params: { size: "small" }, preset: "Development", presetVersion: 1 },
      production: { params: { size: "large" }, preset: "Production", presetVersion: 3 },
    },
    "c-api": {
      staging: { params: { replicas: 1 }, preset: null },
      production: { params: { replicas: 1 }, preset: null },
    },
    "c-new": { staging: { params: { replicas: 1 }, preset: null } },
  },
};

const INPUTS: Record<string, { key: string; type: string }[]> = {
  "postgres@1.2.0": [{ key: "aws_authentication", type: "aws-iam-role" }],
  "service@2.0.0": [
    { key: "database", type: "postgresql" },
    { key: "aws_authentication", type: "aws-iam-role" },
  ],
};

function source(
  env: "staging" | "production",
  overrides: Partial<SnapshotSource> = {},
): SnapshotSource {
  return {
    environment: {
      id: env,
      slug: env,
      name: env,
      class: env === "production" ? "production" : "non_production",
    },
    diagram,
    deployments: new Map([
      ["c-db", { status: "deployed", deployedVersion: "1.2.0" }],
      ["c-api", { status: "draft", deployedVersion: null }],
    ]),
    secrets: new Map(),
    artifacts: new Map(),
    defaults: [],
    inputs: (bundle, version) => INPUTS[`${bundle}@${version}`],
    unconfigured: () => ({ params: { replicas: 1 }, preset: null }),
    ...overrides,
  };
}

describe("buildSnapshot", () => {
  it("takes each link's policies in this environment and each instance's pinned preset", () => {
    const staging = buildSnapshot(source("staging"));
    const production = buildSnapshot(source("production"));
    expect(staging.links[0]!.policies).toEqual(["read"]);
    expect(production.links[0]!.policies).toEqual(["read-write"]);
    expect(production.links[0]).not.toHaveProperty("policiesIn");
    expect(production.instances["c-db"]).toMatchObject({
      bundleVersion: "1.2.0",
      preset: { name: "Production", version: 3 },
      params: { size: "large" },
    });
    expect(staging.components.map((c) => c.name)).toEqual(["database", "api", "worker"]);
  });

  it("shows a component without an instance row as the canvas does, never deployed", () => {
    const production = buildSnapshot(source("production"));
    expect(production.instances["c-new"]).toMatchObject({
      params: { replicas: 1 },
      preset: null,
      deployment: { status: "draft", deployedVersion: null },
    });
    const diff = diffEnvironments(buildSnapshot(source("staging")), production);
    expect(diff.components.find((c) => c.name === "worker")?.status).toBe("same");
  });

  it("lists unconnected slots filled by the first environment default of their type as remote references", () => {
    const defaults = [
      { id: "a-1", name: "deploy-role", type: "aws-iam-role" },
      { id: "a-2", name: "other-role", type: "aws-iam-role" },
    ];
    const production = buildSnapshot(source("production", { defaults }));
    // The API's database slot has a line, so only its credentials slot is filled by a default.
    expect(production.instances["c-api"]!.remoteReferences).toEqual({
      aws_authentication: { artifactId: "a-1", label: "deploy-role" },
    });
    expect(production.instances["c-db"]!.remoteReferences).toEqual({
      aws_authentication: { artifactId: "a-1", label: "deploy-role" },
    });
    const diff = diffEnvironments(buildSnapshot(source("staging")), production);
    expect(diff.components.find((c) => c.name === "api")!.changes).toContainEqual({
      kind: "remoteReference",
      path: "aws_authentication",
      segments: ["aws_authentication"],
      status: "added",
      right: { artifactId: "a-1", label: "deploy-role" },
    });
  });

  it("carries secrets as fingerprints and outputs as given", () => {
    const staging = buildSnapshot(
      source("staging", {
        secrets: new Map([["c-api", { SESSION_SECRET: "0123456789ab" }]]),
        artifacts: new Map([
          ["c-db", { database: { host: "db.staging", password: { fingerprint: "feedfacecafe" } } }],
        ]),
      }),
    );
    expect(staging.instances["c-api"]!.secrets).toEqual({
      SESSION_SECRET: { fingerprint: "0123456789ab" },
    });
    expect(staging.instances["c-db"]!.artifacts).toEqual({
      database: { host: "db.staging", password: { fingerprint: "feedfacecafe" } },
    });
  });
});
