import { describe, expect, it } from "vitest";
import {
  assertDeletable,
  deletionBlockers,
  planFork,
  type DeletionFacts,
  type ForkSourceInstance,
} from "./environments";

const source: ForkSourceInstance[] = [
  {
    componentId: "c2",
    componentName: "orders-db",
    bundle: "b",
    params: { instance_class: "db.t4g.micro", storage: { allocated_gb: 20 } },
    presetVersionId: "pv-dev",
    secretCount: 0,
  },
  {
    componentId: "c1",
    componentName: "api",
    bundle: "b",
    params: { replicas: 2 },
    presetVersionId: null,
    secretCount: 2,
  },
];
const choices = [
  { linkId: "link-1", policies: ["read-write"] },
  { linkId: "link-2", policies: ["publish"] },
];

describe("planFork", () => {
  it("copies params, preset pins and link policy choices, by component name", () => {
    const plan = planFork(source, 1, choices);
    expect(plan.instances).toEqual([
      { componentId: "c1", params: { replicas: 2 }, presetVersionId: null },
      {
        componentId: "c2",
        params: { instance_class: "db.t4g.micro", storage: { allocated_gb: 20 } },
        presetVersionId: "pv-dev",
      },
    ]);
    expect(plan.linkPolicies).toEqual(choices);
    expect(plan.linkPolicies[0]!.policies).not.toBe(choices[0]!.policies);
    expect(plan.summary).toEqual({
      instances: 2,
      components: ["api", "orders-db"],
      presetPins: 1,
      linkPolicyChoices: 2,
      notCopied: [
        "secrets (2 set in the source)",
        "environment defaults (1)",
        "deployments",
        "outputs",
        "status",
      ],
    });
  });

  it("copies only the allow-listed fields, as deep copies", () => {
    const withExtra = [
      { ...source[0]!, status: "running", deployedVersion: "1.0.0", secrets: ["x"] },
    ];
    const [copy] = planFork(withExtra, 0).instances;
    expect(Object.keys(copy!).sort()).toEqual(["componentId", "params", "presetVersionId"]);
    (copy!.params as { storage: { allocated_gb: number } }).storage.allocated_gb = 500;
    expect((source[0]!.params as { storage: { allocated_gb: number } }).storage.allocated_gb).toBe(
      20,
    );
  });

  it("treats missing params as empty", () => {
    const [copy] = planFork([{ ...source[0]!, params: null }], 0).instances;
    expect(copy).toMatchObject({ params: {} });
  });
});

describe("deletion", () => {
  const idle: DeletionFacts = {
    name: "Preview",
    protected: false,
    instances: [{ componentName: "api", status: "draft", deployedVersion: null, outputs: 0 }],
    deployments: 0,
  };

  it("allows an unprotected environment of drafts with no deployments", () => {
    expect(deletionBlockers(idle)).toEqual([]);
    expect(() => assertDeletable(idle)).not.toThrow();
  });

  it("refuses decommission protection first, naming the field", () => {
    expect(() => assertDeletable({ ...idle, protected: true })).toThrow(
      expect.objectContaining({
        code: "PRECONDITION_FAILED",
        message:
          'protected: "Preview" has decommission protection; turn off decommission protection first',
        details: {
          fields: {
            protected: [
              '"Preview" has decommission protection; turn off decommission protection first',
            ],
          },
        },
      }),
    );
  });

  it("refuses anything deployed: a status past draft, a deployed version, recorded outputs", () => {
    const facts: DeletionFacts = {
      ...idle,
      instances: [
        { componentName: "queue", status: "draft", deployedVersion: null, outputs: 1 },
        { componentName: "db", status: "running", deployedVersion: "1.2.0", outputs: 0 },
        { componentName: "cache", status: "failed", deployedVersion: null, outputs: 0 },
        { componentName: "api", status: "draft", deployedVersion: null, outputs: 0 },
      ],
    };
    expect(deletionBlockers(facts)).toEqual([
      'status: "Preview" still has deployed components: cache (failed), db (deployed 1.2.0), queue (has recorded outputs); decommission them before deleting the environment',
    ]);
  });

  it("refuses a deployment history, and lists every blocker at once", () => {
    const facts = { ...idle, protected: true, deployments: 3 };
    expect(deletionBlockers(facts)).toHaveLength(2);
    expect(() => assertDeletable(facts)).toThrow(
      /^protected: .* · deployments: "Preview" has a deployment history \(3 deployments\)/,
    );
    expect(deletionBlockers({ ...idle, deployments: 1 })[0]).toContain("(1 deployment)");
  });
});
