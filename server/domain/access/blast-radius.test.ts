import { describe, expect, it } from "vitest";
import { realCatalog, realTypes } from "@/test/real-catalog";
import { bundleRef, type Diagram } from "../graph/types";
import { blastRadius } from "./blast-radius";

const bundles = new Map(realCatalog.bundles.map((b) => [bundleRef(b.name, b.version), b]));
const version = (name: string) => realCatalog.bundles.find((b) => b.name === name)!.version;
const component = (id: string, bundle: string) => ({
  id,
  name: id,
  bundle,
  version: version(bundle),
  x: 0,
  y: 0,
});

const diagram: Diagram = {
  components: [
    component("api", "k8s-application"),
    component("worker", "k8s-application"),
    component("db", "aws-rds-postgres"),
    component("queue", "aws-sqs-queue"),
  ],
  links: [
    {
      id: "l1",
      from: "db",
      fromArtifact: "database",
      to: "api",
      toSlot: "database",
      policies: ["read-write"],
    },
    {
      id: "l2",
      from: "db",
      fromArtifact: "database",
      to: "worker",
      toSlot: "database",
      policies: [],
    },
    {
      id: "l3",
      from: "queue",
      fromArtifact: "queue",
      to: "api",
      toSlot: "queue",
      policies: ["publish"],
    },
  ],
  instances: {},
};

describe("blastRadius", () => {
  it("lists what a consumer can reach, with the chosen policies", () => {
    const r = blastRadius(diagram, "api", { bundles, artifactTypes: realTypes });
    expect(
      r.outgoing.map((l) => [l.linkId, l.peer.name, l.type, l.policies.map((p) => p.id)]),
    ).toEqual([
      ["l1", "db", "postgresql", ["read-write"]],
      ["l3", "queue", "aws-sqs-queue", ["publish"]],
    ]);
    expect(r.incoming).toEqual([]);
  });

  it("lists who can reach a producer, defaulting to the least privileged policy", () => {
    const r = blastRadius(diagram, "db", { bundles, artifactTypes: realTypes });
    expect(r.incoming.map((l) => [l.peer.name, l.policies.map((p) => p.id)])).toEqual([
      ["api", ["read-write"]],
      ["worker", ["read-only"]],
    ]);
    expect(r.linkIds).toEqual(["l1", "l2"]);
  });

  it("keeps a line whose slot is gone, without policies", () => {
    const broken = { ...diagram, links: [{ ...diagram.links[0]!, toSlot: "gone" }] };
    expect(
      blastRadius(broken, "db", { bundles, artifactTypes: realTypes }).incoming[0],
    ).toMatchObject({ linkId: "l1", type: "", policies: [] });
  });
});
