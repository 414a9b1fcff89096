import { describe, expect, it } from "vitest";
import { borrowedSlots } from "./borrowed";
import type { EnvironmentSnapshot, InstanceSnapshot } from "./types";

const instance = (remoteReferences: InstanceSnapshot["remoteReferences"]): InstanceSnapshot => ({
  bundleVersion: "1.0.0",
  preset: null,
  params: {},
  secrets: {},
  remoteReferences,
  deployment: null,
  artifacts: {},
});
const side = (instances: Record<string, InstanceSnapshot>): EnvironmentSnapshot => ({
  environment: { id: "e", slug: "e", name: "E", class: "production" },
  components: [],
  links: [],
  instances,
});

describe("borrowedSlots", () => {
  it("lists each side's references slot by slot, leaving environment defaults out", () => {
    const left = side({
      api: instance({
        cluster: { artifactId: "publication:p1", label: "shared/production: cluster.cluster" },
        role: { artifactId: "art-default", label: "deploy-role" },
      }),
      eks: instance({ network: { artifactId: "publication:n1", label: "net" } }),
    });
    const right = side({
      api: instance({
        cluster: { artifactId: "publication:p2", label: "shared/staging: cluster.cluster" },
        database: { artifactId: "imported:a1", label: "imported: legacy" },
      }),
      eks: instance({ network: { artifactId: "publication:n1", label: "net" } }),
    });
    expect(borrowedSlots(left, right)).toEqual([
      {
        componentId: "api",
        slot: "cluster",
        left: "shared/production: cluster.cluster",
        right: "shared/staging: cluster.cluster",
        status: "changed",
      },
      {
        componentId: "api",
        slot: "database",
        left: null,
        right: "imported: legacy",
        status: "added",
      },
      { componentId: "eks", slot: "network", left: "net", right: "net", status: "same" },
    ]);
  });
});
