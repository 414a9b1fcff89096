import { describe, expect, it } from "vitest";
import { resolveInstance } from "@/server/domain/access/resolve";
import type { ResolveInstanceInput } from "@/server/domain/access/resolve-types";
import { preset, realBundle, realTypes } from "@/test/real-catalog";
import { fingerprinter } from "../crypto/fingerprint";
import { deploymentSnapshot } from "./snapshot";

const app = realBundle("local-process");
const rds = realBundle("aws-rds-postgres");
const password = "s3cret-pw-canary";
const database = {
  hostname: "db.internal",
  port: 5432,
  database: "app",
  username: "patchbay",
  password,
  version: "16",
  sslmode: "require",
};
const fp = fingerprinter("org-1");
const short = (value: string) => fp(value).slice(0, 12);

function input(bundle = app): ResolveInstanceInput {
  return {
    bundle,
    artifactTypes: realTypes,
    organization: { id: "org1", slug: "acme" },
    project: { id: "proj1", slug: "shop" },
    environment: { id: "env1", slug: "production" },
    component: { id: "c-web", name: "web" },
    instance: {
      preset: preset(app, "Node dev server"),
      params: { port: 8080 },
      secretsSet: ["SESSION_SECRET"],
      deploymentId: "d-1",
    },
    links: [
      {
        kind: "link",
        linkId: "l-db",
        slot: "database",
        policies: ["read-write"],
        from: { componentId: "c-db", name: "orders-db", project: "shop", artifact: "database" },
        upstream: { payload: database, params: { schema: rds.params } },
      },
    ],
  };
}

describe("deploymentSnapshot", () => {
  const snap = deploymentSnapshot(resolveInstance(input()), app, fp);

  it("freezes params, connections, chosen grants, metadata and the bundle version", () => {
    expect(snap.bundle).toEqual({
      name: "local-process",
      version: app.version,
      digest: app.digest,
    });
    expect(snap.params).toMatchObject({ port: 8080, command: ["npm", "run", "dev"] });
    expect(snap.metadata).toMatchObject({
      deployment_id: "d-1",
      environment: "production",
      component: "web",
    });
    expect(snap.grants.map((g) => [g.slot, g.policies.map((p) => p.id)])).toEqual([
      ["database", ["read-write"]],
    ]);
    expect(snap.grants[0]).not.toHaveProperty("problems");
    expect(snap.env.find((v) => v.name === "PORT")).toMatchObject({
      value: "8080",
      fingerprint: null,
      sensitive: false,
    });
  });

  it("keeps sensitive payload fields and env vars as fingerprints only, and secrets by name only", () => {
    expect(snap.connections.find((c) => c.slot === "database")!.payload).toEqual({
      ...database,
      password: { fingerprint: short(password) },
    });
    const url = "postgresql://patchbay:s3cret-pw-canary@db.internal:5432/app?sslmode=require";
    expect(snap.env.find((v) => v.name === "DATABASE_URL")).toMatchObject({
      value: null,
      fingerprint: short(url),
      sensitive: true,
    });
    expect(snap.secrets).toEqual([
      { name: "SESSION_SECRET", required: true, set: true },
      { name: "STRIPE_API_KEY", required: false, set: false },
    ]);
    expect(JSON.stringify(snap)).not.toContain(password);
  });

  it("fingerprints params the bundle's schema marks sensitive", () => {
    const withSensitive = structuredClone(app);
    const properties = withSensitive.params.properties as Record<string, Record<string, unknown>>;
    properties.license_key = { type: "string", sensitive: true };
    const r = resolveInstance({
      ...input(withSensitive),
      instance: { ...input().instance, params: { port: 8080, license_key: "lic-canary-123" } },
    });
    const frozen = deploymentSnapshot(r, withSensitive, fp);
    expect(frozen.params).toMatchObject({
      port: 8080,
      license_key: { fingerprint: short("lic-canary-123") },
    });
    expect(JSON.stringify(frozen)).not.toContain("lic-canary-123");
  });
});
