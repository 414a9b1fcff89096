import { describe, expect, it } from "vitest";
import { preset, realBundle, realTypes } from "@/test/real-catalog";
import { redactResolution } from "./redact";
import { resolveInstance } from "./resolve";
import type { LinkSourceInput, ResolveInstanceInput } from "./resolve-types";

const app = realBundle("k8s-application");
const rds = realBundle("aws-rds-postgres");
const eks = realBundle("aws-eks-cluster");
const sqs = realBundle("aws-sqs-queue");

const cluster = {
  name: "shop",
  server: "https://k8s.example",
  "certificate-authority-data": "Q0E=",
  token: "deployer-token",
  provider: "aws",
};
const queue = {
  arn: "arn:aws:sqs:eu-west-1:123456789012:orders",
  url: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders",
  name: "orders",
  region: "eu-west-1",
  fifo: false,
};
const database = {
  hostname: "db.internal",
  port: 5432,
  database: "app",
  username: "patchbay",
  password: "s3cret-pw",
  version: "16",
  sslmode: "require",
};

function link(
  slot: string,
  linkId: string,
  from: string,
  upstream: LinkSourceInput["upstream"],
  policies: string[] = [],
): LinkSourceInput {
  return {
    kind: "link",
    linkId,
    slot,
    policies,
    from: { componentId: `c-${from}`, name: from, project: "ecommerce-api", artifact: slot },
    upstream,
  };
}

function input(overrides: Partial<ResolveInstanceInput> = {}): ResolveInstanceInput {
  return {
    bundle: app,
    artifactTypes: realTypes,
    organization: { id: "org1", slug: "acme", tags: { owner: "platform" } },
    project: { id: "proj1", slug: "ecommerce-api", tags: { owner: "shop-team" } },
    environment: { id: "env1", slug: "staging" },
    component: { id: "c-api", name: "api" },
    instance: {
      preset: preset(app, "Development"),
      params: { replicas: 2 },
      secretsSet: ["SESSION_SECRET"],
    },
    links: [
      link(
        "cluster",
        "l-cluster",
        "cluster",
        { payload: cluster, params: { schema: eks.params } },
        ["deploy"],
      ),
      link(
        "database",
        "l-db",
        "database",
        { payload: null, params: { schema: rds.params, preset: preset(rds, "Development") } },
        ["read-only"],
      ),
      link("queue", "l-queue", "orders", { payload: queue, params: { schema: sqs.params } }, [
        "publish",
      ]),
    ],
    cloud: { awsAccountId: "123456789012" },
    ...overrides,
  };
}

describe("resolveInstance", () => {
  const r = resolveInstance(input());
  const env = Object.fromEntries(r.env.map((v) => [v.name, v]));

  it("composes params, metadata and secrets", () => {
    expect(r.params).toMatchObject({
      replicas: 2,
      log_level: "debug",
      resources: { cpu: "100m", memory: "256Mi" },
    });
    expect(r.metadata.name_prefix).toMatch(/^ecommerce-api-staging-api-[a-z0-9]{4}$/);
    expect(r.metadata.default_tags).toMatchObject({
      owner: "shop-team",
      "patchbay-component": "api",
    });
    expect(r.secrets.map((s) => [s.name, s.set])).toEqual([
      ["SESSION_SECRET", true],
      ["SENTRY_DSN", false],
    ]);
    expect(r.problems).toEqual([]);
  });

  it("marks the undeployed database as a preview and the deployed queue as live", () => {
    const bySlot = Object.fromEntries(r.connections.map((c) => [c.slot, c]));
    expect(bySlot.database).toMatchObject({
      preview: true,
      source: { kind: "link", linkId: "l-db" },
      payload: { username: "patchbay", port: 5432 },
    });
    expect(bySlot.database!.unknown).toContain("password");
    expect(bySlot.queue).toMatchObject({ preview: false, payload: queue });
    expect(bySlot.cache).toMatchObject({ source: null, payload: null });
    expect(env.DATABASE_URL).toMatchObject({ value: null, sensitive: true });
    expect(env.QUEUE_URL).toMatchObject({
      value: queue.url,
      sensitive: false,
      sources: [{ kind: "connection", slot: "queue", linkId: "l-queue" }],
    });
    expect(env.REDIS_URL!.value).toBe("rediss://:@:");
  });

  it("renders only the chosen policies of each line", () => {
    const byLink = Object.fromEntries(r.grants.map((g) => [g.linkId, g]));
    expect(byLink["l-db"]).toMatchObject({ preview: true, policies: [{ id: "read-only" }] });
    expect(byLink["l-db"]!.grants.postgresql!.statements.join(" ")).not.toContain("INSERT");
    // The database's name comes from the upstream's params (`database_name`): no placeholder.
    expect(byLink["l-db"]!.placeholders).toEqual([]);
    expect(byLink["l-db"]!.grants.postgresql!.statements[0]).toContain('DATABASE "app"');
    expect(byLink["l-queue"]).toMatchObject({ preview: false, policies: [{ id: "publish" }] });
    expect(byLink["l-queue"]!.grants.aws!.document!.Statement[0]!.Resource).toBe(queue.arn);
    expect(byLink["l-cluster"]!.grants.kubernetes!.rules[0]!.resources).toContain("secrets");
  });

  it("switches to the deployed payload once the upstream is deployed", () => {
    const deployed = input();
    deployed.links[1] = link(
      "database",
      "l-db",
      "database",
      { payload: database, params: { schema: rds.params } },
      ["read-only"],
    );
    const dr = resolveInstance(deployed);
    expect(dr.connections.find((c) => c.slot === "database")).toMatchObject({
      preview: false,
      unknown: [],
    });
    expect(dr.env.find((v) => v.name === "DATABASE_URL")).toMatchObject({
      value: "postgresql://patchbay:s3cret-pw@db.internal:5432/app?sslmode=require",
      sensitive: true,
    });
    expect(dr.grants.find((g) => g.linkId === "l-db")!.preview).toBe(false);
  });

  it("redacts sensitive payload fields and env values for the browser", () => {
    const deployed = input();
    deployed.links[1] = link("database", "l-db", "database", {
      payload: database,
      params: { schema: rds.params },
    });
    const red = redactResolution(resolveInstance(deployed));
    const text = JSON.stringify(red);
    expect(text).not.toContain("s3cret-pw");
    expect(text).not.toContain("deployer-token");
    expect(red.env.find((v) => v.name === "DATABASE_URL")).toMatchObject({
      value: null,
      masked: true,
      sensitive: true,
    });
    expect(red.env.find((v) => v.name === "PORT")).toMatchObject({ value: "8080", masked: false });
    expect(red.connections.find((c) => c.slot === "database")!.payload).toMatchObject({
      hostname: "db.internal",
    });
  });

  it("reports unknown policies, missing required slots and unset required secrets", () => {
    const bad = input({ instance: { preset: null, params: {}, secretsSet: [] } });
    bad.links = [
      link("database", "l-db", "database", { payload: database, params: { schema: rds.params } }, [
        "superuser",
      ]),
    ];
    const problems = resolveInstance(bad).problems;
    expect(problems.map((p) => p.rule).sort()).toEqual([
      "missing-required",
      "missing-secret",
      "unknown-policy",
    ]);
    expect(problems.find((p) => p.rule === "unknown-policy")).toMatchObject({
      linkId: "l-db",
      message: expect.stringContaining("allowed: read-only, read-write, admin"),
    });
  });
});

describe("environment defaults", () => {
  it("fill slots of their type that have no line, and are treated like a connection", () => {
    const r = resolveInstance(
      input({
        links: [
          link("cluster", "l-cluster", "cluster", {
            payload: cluster,
            params: { schema: eks.params },
          }),
        ],
        environmentDefaults: [{ name: "legacy-db", type: "postgresql", payload: database }],
      }),
    );
    expect(r.connections.find((c) => c.slot === "database")).toMatchObject({
      source: { kind: "environment-default", name: "legacy-db" },
      preview: false,
    });
    const grant = r.grants.find((g) => g.slot === "database")!;
    expect(grant).toMatchObject({
      linkId: null,
      source: { kind: "environment-default", name: "legacy-db" },
      policies: [{ id: "read-only" }],
    });
    expect(r.env.find((v) => v.name === "DATABASE_URL")!.sources[0]).toMatchObject({
      kind: "connection",
      environmentDefault: "legacy-db",
    });
  });

  it("supply credentials and networks to an infrastructure bundle without grants", () => {
    const r = resolveInstance(
      input({
        bundle: rds,
        component: { id: "c-db", name: "database" },
        instance: { preset: preset(rds, "Production"), params: null },
        links: [],
        environmentDefaults: [
          {
            name: "staging-role",
            type: "aws-iam-role",
            payload: { arn: "arn:aws:iam::123456789012:role/deployer" },
          },
          {
            name: "staging-vpc",
            type: "aws-vpc",
            payload: {
              id: "vpc-1",
              arn: "arn:aws:ec2:x",
              region: "eu-west-1",
              cidr: "10.0.0.0/16",
              private_subnets: [],
              internal_subnets: [],
            },
          },
        ],
      }),
    );
    expect(r.problems).toEqual([]);
    expect(r.grants).toEqual([]);
    expect(r.env).toEqual([]);
    expect(r.params).toMatchObject({ multi_az: true, backup: { retention_days: 30 } });
  });
});
