import { describe, expect, it } from "vitest";
import { instance, reverseKeys, snapshot } from "@/test/diff-snapshots";
import { diffEnvironments } from "./diff";
import type { EnvironmentDiff, EnvironmentSnapshot } from "./types";

const component = (result: EnvironmentDiff, name: string) =>
  result.components.find((c) => c.name === name)!;
const brief = (result: EnvironmentDiff, name: string) =>
  component(result, name).changes.map((c) => [c.kind, c.path, c.status, c.left, c.right]);

describe("diffEnvironments", () => {
  it("finds nothing between identical snapshots", () => {
    const result = diffEnvironments(snapshot("staging"), snapshot("staging"));
    expect(result.components.map((c) => [c.name, c.status, c.changes.length])).toEqual([
      ["api", "same", 0],
      ["database", "same", 0],
      ["queue", "same", 0],
    ]);
    expect(result.links.map((l) => l.status)).toEqual(["same", "same"]);
    expect(result.summary).toEqual({
      components: { same: 3, changed: 0, added: 0, removed: 0 },
      links: { same: 2, changed: 0, added: 0, removed: 0 },
      changes: 0,
      masked: 0,
    });
  });

  it("names both sides", () => {
    const result = diffEnvironments(snapshot("staging"), snapshot("production"));
    expect(result.left).toEqual({
      environment: { id: "env-staging", slug: "staging", name: "Staging", class: "non_production" },
    });
    expect(result.right.environment.slug).toBe("production");
    const past = diffEnvironments(
      snapshot("production", (s) => (s.at = "2025-01-02T03:04:05.000Z")),
      snapshot("production"),
    );
    expect(past.left.at).toBe("2025-01-02T03:04:05.000Z");
    expect(past.right).not.toHaveProperty("at");
  });

  it("reports every kind of difference, ordered by kind then path", () => {
    const right = snapshot("production", (s) => {
      const api = s.instances["c-api"]!;
      api.bundleVersion = "1.1.0";
      api.preset = { name: "production", version: 1 };
      api.params = {
        replicas: 4,
        image: { repository: "acme/api", tag: "v2" },
        tags: ["web", "public", "us"],
        autoscale: { max: 10 },
      };
      api.secrets = { API_KEY: { fingerprint: "sha256:bbbb" } };
      api.remoteReferences = { network: { artifactId: "art-vpc-prod", label: "prod VPC" } };
      api.deployment = { status: "failed", deployedVersion: "0.9.0" };
      api.artifacts = { endpoint: { url: "https://api.example.com" } };
    });
    const left = snapshot("staging", (s) => {
      s.instances["c-api"]!.remoteReferences = { network: { artifactId: "art-vpc-staging" } };
    });
    const result = diffEnvironments(left, right);
    expect(component(result, "api").status).toBe("changed");
    expect(brief(result, "api")).toEqual([
      ["bundleVersion", "", "changed", "1.0.0", "1.1.0"],
      [
        "preset",
        "",
        "changed",
        { name: "development", version: 2 },
        { name: "production", version: 1 },
      ],
      ["param", "autoscale.max", "added", undefined, 10],
      ["param", "image.tag", "changed", "v1", "v2"],
      ["param", "replicas", "changed", 2, 4],
      ["param", "tags[2]", "changed", "eu", "us"],
      ["secret", "API_KEY", "changed", "sha256:aaaa", "sha256:bbbb"],
      [
        "remoteReference",
        "network",
        "changed",
        { artifactId: "art-vpc-staging" },
        { artifactId: "art-vpc-prod", label: "prod VPC" },
      ],
      ["deployment", "deployedVersion", "changed", "1.0.0", "0.9.0"],
      ["deployment", "status", "changed", "succeeded", "failed"],
      ["artifact", "endpoint.url", "added", undefined, "https://api.example.com"],
    ]);
    expect(component(result, "api").changes[2]!.segments).toEqual(["autoscale", "max"]);
    expect(component(result, "database").status).toBe("same");
  });

  it("reports a preset, a deployment and a reference set on one side as added or removed", () => {
    const left = snapshot("staging", (s) => {
      s.instances["c-queue"]!.preset = null;
      s.instances["c-queue"]!.remoteReferences = { dlq: { artifactId: "art-dlq" } };
    });
    const right = snapshot("production", (s) => {
      s.instances["c-queue"]!.deployment = null;
    });
    expect(brief(diffEnvironments(left, right), "queue")).toEqual([
      ["preset", "", "added", undefined, { name: "development", version: 2 }],
      ["remoteReference", "dlq", "removed", { artifactId: "art-dlq" }, undefined],
      ["deployment", "deployedVersion", "removed", "1.0.0", undefined],
      ["deployment", "status", "removed", "succeeded", undefined],
    ]);
  });

  it("treats a pending deployment's null version as not deployed", () => {
    const right = snapshot(
      "production",
      (s) => (s.instances["c-queue"]!.deployment = { status: "pending", deployedVersion: null }),
    );
    expect(brief(diffEnvironments(snapshot("staging"), right), "queue")).toEqual([
      ["deployment", "deployedVersion", "removed", "1.0.0", undefined],
      ["deployment", "status", "changed", "succeeded", "pending"],
    ]);
  });

  it("compares a remote reference by the artifact it points to, not its label", () => {
    const left = snapshot(
      "staging",
      (s) =>
        (s.instances["c-api"]!.remoteReferences = { network: { artifactId: "a1", label: "old" } }),
    );
    const right = snapshot(
      "production",
      (s) =>
        (s.instances["c-api"]!.remoteReferences = { network: { artifactId: "a1", label: "new" } }),
    );
    expect(component(diffEnvironments(left, right), "api").status).toBe("same");
  });

  it("compares produced artifacts field by field, sensitive fields by fingerprint", () => {
    const right = snapshot("production", (s) => {
      s.instances["c-db"]!.artifacts = {
        database: { host: "db.production", port: 5432, password: { fingerprint: "sha256:pw02" } },
      };
    });
    expect(brief(diffEnvironments(snapshot("staging"), right), "database")).toEqual([
      ["artifact", "database.host", "changed", "db.staging", "db.production"],
      ["artifact", "database.password.fingerprint", "changed", "sha256:pw01", "sha256:pw02"],
    ]);
  });

  it("reports components on one side only as added or removed, with their configuration", () => {
    const left = snapshot("production", (s) => {
      s.components.push({ id: "c-cache", name: "cache", bundle: "redis", version: "2.0.0" });
      s.instances["c-cache"] = instance({
        bundleVersion: "2.0.0",
        preset: null,
        params: { nodes: 1 },
        deployment: null,
      });
    });
    const right = snapshot("production", (s) => {
      s.components = s.components.filter((c) => c.id !== "c-queue");
      // A stale row for a component no longer on this diagram is not an instance.
      s.components.push({
        id: "c-worker",
        name: "worker",
        bundle: "container-service",
        version: "1.0.0",
      });
      s.instances["c-worker"] = instance({
        params: { replicas: 1 },
        secrets: { TOKEN: { fingerprint: "sha256:tttt" } },
      });
    });
    const result = diffEnvironments(left, right);
    expect(result.components.map((c) => [c.name, c.status])).toEqual([
      ["api", "same"],
      ["cache", "removed"],
      ["database", "same"],
      ["queue", "removed"],
      ["worker", "added"],
    ]);
    expect(brief(result, "cache")).toEqual([
      ["bundleVersion", "", "removed", "2.0.0", undefined],
      ["param", "nodes", "removed", 1, undefined],
    ]);
    expect(brief(result, "worker")).toEqual([
      ["bundleVersion", "", "added", undefined, "1.0.0"],
      ["preset", "", "added", undefined, { name: "development", version: 2 }],
      ["param", "replicas", "added", undefined, 1],
      ["secret", "TOKEN", "added", undefined, "sha256:tttt"],
      ["deployment", "deployedVersion", "added", undefined, "1.0.0"],
      ["deployment", "status", "added", undefined, "succeeded"],
    ]);
    expect(result.summary.components).toEqual({ same: 2, changed: 0, added: 1, removed: 2 });
  });

  it("ignores an instance row of a component that is not on that side's diagram", () => {
    const right = snapshot("production", (s) => {
      s.components = s.components.filter((c) => c.id !== "c-queue");
    });
    const left = snapshot("staging", (s) => {
      s.instances["c-queue"] = instance({ params: { fifo: true } });
    });
    const queue = component(diffEnvironments(left, right), "queue");
    expect(queue.status).toBe("removed");
    expect(queue.changes.find((c) => c.path === "fifo")?.left).toBe(true);
    const back = component(diffEnvironments(right, left), "queue");
    expect(back.status).toBe("added");
  });

  it("diffs a component with no instance yet against an empty configuration", () => {
    const right = snapshot("production", (s) => delete s.instances["c-queue"]);
    const queue = component(diffEnvironments(snapshot("staging"), right), "queue");
    expect(queue.status).toBe("changed");
    expect(queue.changes.every((c) => c.status === "removed")).toBe(true);
  });

  it("badges lines by their effective policies, ignoring their order", () => {
    const left = snapshot("staging", (s) => {
      s.links[0]!.policies = ["write", "read"];
      s.links.push({
        id: "l-old",
        from: "c-db",
        fromArtifact: "database",
        to: "c-queue",
        toSlot: "db",
        policies: ["read"],
      });
    });
    const right = snapshot("production", (s) => {
      s.links[0]!.policies = ["read", "write"];
      s.links[1]!.policies = ["subscribe", "publish"];
      s.links.push({
        id: "l-new",
        from: "c-queue",
        fromArtifact: "queue",
        to: "c-db",
        toSlot: "events",
        policies: ["subscribe"],
      });
    });
    expect(diffEnvironments(left, right).links).toEqual([
      { linkId: "l-db", status: "same", left: ["read", "write"], right: ["read", "write"] },
      { linkId: "l-new", status: "added", left: null, right: ["subscribe"] },
      { linkId: "l-old", status: "removed", left: ["read"], right: null },
      { linkId: "l-queue", status: "changed", left: ["publish"], right: ["publish", "subscribe"] },
    ]);
  });

  it("gives the same result whatever the order of keys and of components and lines", () => {
    const edit = (s: EnvironmentSnapshot) => {
      s.instances["c-api"]!.params = {
        tags: ["a"],
        image: { tag: "v9", pull: { policy: "always", secret: "x" } },
        a: { b: 1 },
        z: [{ k: 1 }],
      };
      s.instances["c-api"]!.secrets = {
        B: { fingerprint: "1" },
        A: { fingerprint: "2" },
        C: { fingerprint: "3" },
      };
      s.instances["c-db"]!.params = { storage: { allocated_gb: 500, iops: 3000 }, mixed: 1 };
    };
    const right = snapshot("production", edit);
    const shuffled = reverseKeys(right);
    shuffled.components.reverse();
    shuffled.links.reverse();
    const a = diffEnvironments(snapshot("staging"), right);
    const b = diffEnvironments(reverseKeys(snapshot("staging")), shuffled);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(brief(a, "api").map(([kind, path]) => `${kind} ${path}`)).toEqual([
      "param a.b",
      "param image.pull.policy",
      "param image.pull.secret",
      "param image.repository",
      "param image.tag",
      "param replicas",
      "param tags[0]",
      "param tags[1]",
      "param tags[2]",
      "param z[0].k",
      "secret A",
      "secret API_KEY",
      "secret B",
      "secret C",
    ]);
  });

  it("reports a whole value that changed shape with its keys sorted", () => {
    const left = snapshot(
      "staging",
      (s) => (s.instances["c-queue"]!.params = { retention: { unit: "d", amount: 4 } }),
    );
    const right = snapshot(
      "production",
      (s) => (s.instances["c-queue"]!.params = { retention: 345600 }),
    );
    const [change] = component(diffEnvironments(left, right), "queue").changes;
    expect(JSON.stringify(change)).toBe(
      '{"kind":"param","path":"retention","segments":["retention"],"status":"changed","left":{"amount":4,"unit":"d"},"right":345600}',
    );
  });
});
