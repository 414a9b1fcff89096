// Hand-built environment snapshots for the diff engine's tests: a small project (api,
// database, queue; two lines) whose staging and production differ only where a test says.
import type { EnvironmentSnapshot, InstanceSnapshot } from "@/server/domain/diff/types";

export function instance(overrides: Partial<InstanceSnapshot> = {}): InstanceSnapshot {
  return {
    bundleVersion: "1.0.0",
    preset: { name: "development", version: 2 },
    params: {},
    secrets: {},
    deployment: { status: "succeeded", deployedVersion: "1.0.0" },
    artifacts: {},
    ...overrides,
  };
}

/** A project's environment; `edit` changes the built snapshot in place. */
export function snapshot(
  slug: "staging" | "production",
  edit: (s: EnvironmentSnapshot) => void = () => {},
): EnvironmentSnapshot {
  const s: EnvironmentSnapshot = {
    environment: {
      id: `env-${slug}`,
      slug,
      name: slug === "staging" ? "Staging" : "Production",
      class: slug === "staging" ? "non_production" : "production",
    },
    components: [
      { id: "c-api", name: "api", bundle: "container-service", version: "1.0.0" },
      { id: "c-db", name: "database", bundle: "postgres", version: "1.0.0" },
      { id: "c-queue", name: "queue", bundle: "sqs-queue", version: "1.0.0" },
    ],
    links: [
      {
        id: "l-db",
        from: "c-db",
        fromArtifact: "database",
        to: "c-api",
        toSlot: "database",
        policies: ["read"],
      },
      {
        id: "l-queue",
        from: "c-queue",
        fromArtifact: "queue",
        to: "c-api",
        toSlot: "queue",
        policies: ["publish"],
      },
    ],
    instances: {
      "c-api": instance({
        params: {
          replicas: 2,
          image: { repository: "acme/api", tag: "v1" },
          tags: ["web", "public", "eu"],
        },
        secrets: { API_KEY: { fingerprint: "sha256:aaaa" } },
      }),
      "c-db": instance({
        params: {
          storage: { allocated_gb: 20, encrypted: true },
          admin_password: "hunter2-left",
          engine: "postgres",
        },
        artifacts: {
          database: { host: "db.staging", port: 5432, password: { fingerprint: "sha256:pw01" } },
        },
      }),
      "c-queue": instance({ params: { fifo: false } }),
    },
  };
  edit(s);
  return s;
}

/** The same JSON with every object's keys in reverse order (arrays keep their order). */
export function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  ) as T;
}
