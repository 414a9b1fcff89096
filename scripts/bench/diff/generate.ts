// Two generated environments of one project for `npm run bench -- diff`: every instance has
// 40 param leaves (nested objects, numbers, strings, booleans, lists), and the right side
// changes 7% of them and removes or adds some keys and list items (~9% of leaves differ),
// plus some secrets, deployments, bundle versions, artifacts and line policies.
// Seeded, so every run diffs the same pair.
import type {
  EnvironmentSnapshot,
  InstanceSnapshot,
  SnapshotComponent,
  SnapshotLink,
} from "@/server/domain/diff/types";
import { prng } from "../shared/prng";

const BUNDLES = ["container-service", "postgres", "redis", "sqs-queue", "s3-bucket"];
const REGIONS = ["eu-west-1", "us-east-1", "ap-south-1"];

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const int = (rand: Rand, max: number) => Math.floor(rand() * max);

/** 40 leaves. */
function params(rand: Rand, i: number): Record<string, unknown> {
  return {
    name: `svc-${i}`,
    replicas: 1 + int(rand, 8),
    enabled: rand() < 0.8,
    admin_password: `pw-${int(rand, 1e9).toString(36)}`,
    image: {
      repository: `acme/svc-${i}`,
      tag: `v${int(rand, 40)}`,
      pull_policy: pick(rand, ["Always", "IfNotPresent"]),
    },
    resources: {
      cpu: 250 * (1 + int(rand, 8)),
      memory: `${256 * (1 + int(rand, 8))}Mi`,
      limits: { cpu: 4000, memory: "8Gi" },
    },
    storage: {
      allocated_gb: 20 + int(rand, 480),
      iops: 3000,
      encrypted: true,
      type: pick(rand, ["gp3", "io2"]),
    },
    tags: [
      "team-a",
      pick(rand, ["web", "worker", "batch"]),
      pick(rand, REGIONS),
      `cost-${int(rand, 20)}`,
    ],
    ports: [80, 443, 8000 + int(rand, 1000)],
    env: {
      LOG_LEVEL: pick(rand, ["info", "debug", "warn"]),
      REGION: pick(rand, REGIONS),
      FEATURE_X: rand() < 0.5,
      TIMEOUT_MS: 1000 * (1 + int(rand, 30)),
    },
    network: {
      vpc: {
        cidr: `10.${int(rand, 255)}.0.0/16`,
        subnets: [`subnet-${int(rand, 1e6)}`, `subnet-${int(rand, 1e6)}`],
      },
      public: rand() < 0.3,
    },
    backup: {
      enabled: rand() < 0.9,
      retention_days: 7 * (1 + int(rand, 4)),
      window: "03:00-04:00",
    },
    alarms: [
      { metric: "cpu", threshold: 50 + int(rand, 50) },
      { metric: "memory", threshold: 50 + int(rand, 50) },
    ],
    labels: {
      team: `team-${int(rand, 12)}`,
      cost_center: `cc-${int(rand, 100)}`,
      tier: pick(rand, ["gold", "silver", "bronze"]),
    },
  };
}

function instance(rand: Rand, i: number, bundle: string): InstanceSnapshot {
  return {
    bundleVersion: "1.4.0",
    preset:
      rand() < 0.7
        ? { name: pick(rand, ["development", "production"]), version: 1 + int(rand, 3) }
        : null,
    params: params(rand, i),
    secrets: {
      API_KEY: { fingerprint: `sha256:${int(rand, 1e9).toString(16)}` },
      SIGNING_KEY: { fingerprint: `sha256:${int(rand, 1e9).toString(16)}` },
    },
    remoteReferences:
      i % 10 === 0
        ? { network: { artifactId: `art-vpc-${int(rand, 3)}`, label: "shared VPC" } }
        : {},
    deployment: { status: "succeeded", deployedVersion: "1.4.0" },
    artifacts: {
      [bundle === "postgres" ? "database" : "endpoint"]: {
        host: `svc-${i}.internal`,
        port: 5432,
        password: { fingerprint: `sha256:${int(rand, 1e9).toString(16)}` },
      },
    },
  };
}

// Walk a params tree and change about `rate` of its leaves; now and then remove a key,
// add one, or grow a list, so every kind of leaf difference is timed.
function perturb(value: unknown, rand: Rand, rate: number): unknown {
  if (Array.isArray(value)) {
    const out = value.map((item) => perturb(item, rand, rate));
    if (rand() < rate / 2) out.push(typeof out[0] === "number" ? 9999 : "extra");
    return out;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (rand() < rate / 8) continue;
      out[key] = perturb(item, rand, rate);
    }
    if (rand() < rate / 8) out[`added_${int(rand, 100)}`] = int(rand, 100);
    return out;
  }
  if (rand() >= rate) return value;
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  return `${String(value)}-changed`;
}

export interface BenchPair {
  left: EnvironmentSnapshot;
  right: EnvironmentSnapshot;
  leaves: number;
}

/** `instances` components, about 1.5 lines each, staging (left) and production (right). */
export function generatePair(instances: number, seed = 42): BenchPair {
  const rand = prng(seed);
  const components: SnapshotComponent[] = [];
  for (let i = 0; i < instances; i++) {
    components.push({
      id: `cmp-${i.toString(36).padStart(4, "0")}`,
      name: `svc-${i}`,
      bundle: BUNDLES[i % BUNDLES.length]!,
      version: "1.4.0",
    });
  }
  const links: SnapshotLink[] = [];
  for (let i = 1; i < instances; i++) {
    for (let k = 0; k < (i % 2 ? 2 : 1); k++) {
      const from = components[int(rand, i)]!;
      links.push({
        id: `lnk-${i}-${k}`,
        from: from.id,
        fromArtifact: "endpoint",
        to: components[i]!.id,
        toSlot: `in${k}`,
        policies: ["read"],
      });
    }
  }
  const left: Record<string, InstanceSnapshot> = {};
  const right: Record<string, InstanceSnapshot> = {};
  let leaves = 0;
  for (const [i, c] of components.entries()) {
    const l = instance(rand, i, c.bundle);
    leaves += countLeaves(l.params);
    left[c.id] = l;
    const r: InstanceSnapshot = structuredClone(l);
    r.params = perturb(l.params, rand, 0.07) as Record<string, unknown>;
    if (rand() < 0.05) r.secrets.API_KEY = { fingerprint: `sha256:${int(rand, 1e9).toString(16)}` };
    if (rand() < 0.05) r.deployment = { status: "failed", deployedVersion: "1.3.0" };
    if (rand() < 0.05) r.bundleVersion = "1.5.0";
    if (rand() < 0.03)
      r.artifacts = perturb(r.artifacts, rand, 0.5) as InstanceSnapshot["artifacts"];
    right[c.id] = r;
  }
  const environment = (slug: string, cls: "production" | "non_production") => ({
    id: `env-${slug}`,
    slug,
    name: slug,
    class: cls,
  });
  const rightLinks = links.map((l, i) =>
    i % 20 === 0 ? { ...l, policies: ["read", "write"] } : l,
  );
  return {
    left: {
      environment: environment("staging", "non_production"),
      components,
      links,
      instances: left,
    },
    right: {
      environment: environment("production", "production"),
      components: structuredClone(components),
      links: structuredClone(rightLinks),
      instances: right,
    },
    leaves,
  };
}

function countLeaves(value: unknown): number {
  if (typeof value !== "object" || value === null) return 1;
  let n = 0;
  for (const item of Object.values(value)) n += countLeaves(item);
  return n;
}
