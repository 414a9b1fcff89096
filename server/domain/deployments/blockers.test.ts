import { describe, expect, it } from "vitest";
import { redactResolution } from "@/server/domain/access/redact";
import { resolveInstance } from "@/server/domain/access/resolve";
import type { LinkSourceInput, ResolveInstanceInput } from "@/server/domain/access/resolve-types";
import { AppError } from "@/server/domain/errors";
import { preset, realBundle, realTypes } from "@/test/real-catalog";
import { assertRequestable, deploymentBlockers, describeBlocker } from "./blockers";

const app = realBundle("k8s-application");
const rds = realBundle("aws-rds-postgres");
const eks = realBundle("aws-eks-cluster");
const lambda = realBundle("aws-lambda-function");
const localProcess = realBundle("local-process");

const cluster = {
  name: "shop",
  server: "https://k8s.example",
  "certificate-authority-data": "Q0E=",
  token: "deployer-token",
  provider: "aws",
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
  from: string,
  upstream: LinkSourceInput["upstream"],
  policies: string[] = [],
): LinkSourceInput {
  return {
    kind: "link",
    linkId: `l-${slot}`,
    slot,
    policies,
    from: { componentId: `c-${from}`, name: from, project: "ecommerce-api", artifact: slot },
    upstream,
  };
}

const deployedCluster = link(
  "cluster",
  "cluster",
  { payload: cluster, params: { schema: eks.params } },
  ["deploy"],
);
const undeployedDb = link(
  "database",
  "orders-db",
  { payload: null, params: { schema: rds.params, preset: preset(rds, "Development") } },
  ["read-only"],
);

/** The API of the demo diagram in production: its cluster deployed, its database not yet. */
function api(overrides: Partial<ResolveInstanceInput> = {}): ResolveInstanceInput {
  return {
    bundle: app,
    artifactTypes: realTypes,
    organization: { id: "org1", slug: "acme" },
    project: { id: "proj1", slug: "ecommerce-api" },
    environment: { id: "env-prod", slug: "production" },
    component: { id: "c-api", name: "api" },
    instance: { preset: preset(app, "Production"), params: null, secretsSet: ["SESSION_SECRET"] },
    links: [deployedCluster, undeployedDb],
    ...overrides,
  };
}

const blockers = (action: "plan" | "apply", input: ResolveInstanceInput) =>
  deploymentBlockers({
    action,
    environment: input.environment.slug,
    resolution: resolveInstance(input),
  }).map(describeBlocker);

describe("deploymentBlockers", () => {
  it("blocks while a required secret is unset, naming the secret and the environment; an optional one does not block", () => {
    const input = api({
      instance: { preset: preset(app, "Production"), params: null, secretsSet: [] },
    });
    // SENTRY_DSN is declared too, but optional.
    expect(app.app?.secrets.SENTRY_DSN?.required).toBe(false);
    expect(blockers("plan", input)).toEqual([
      'secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production',
    ]);
  });

  it("lets a plan through with an undeployed upstream (its payload is a preview) but not an apply", () => {
    expect(blockers("plan", api())).toEqual([]);
    expect(blockers("apply", api())).toEqual([
      'connections.database: upstream "orders-db" is not deployed in production yet; apply it first (a plan can use its preview)',
    ]);
    const deployedDb = link(
      "database",
      "orders-db",
      { payload: database, params: { schema: rds.params } },
      ["read-only"],
    );
    expect(blockers("apply", api({ links: [deployedCluster, deployedDb] }))).toEqual([]);
  });

  it("blocks a required slot with neither a line nor an environment default; a default fills it", () => {
    expect(blockers("plan", api({ links: [] }))).toEqual([
      'connections.cluster: required slot "cluster" (kubernetes-cluster) has no line and no environment default',
    ]);
    const withDefault = api({
      links: [],
      environmentDefaults: [
        { name: "shared-cluster", type: "kubernetes-cluster", payload: cluster },
      ],
    });
    expect(blockers("apply", withDefault)).toEqual([]);
  });

  it("blocks a policy the producer does not offer and a line into a slot the bundle does not have", () => {
    const superuser = link(
      "database",
      "orders-db",
      { payload: database, params: { schema: rds.params } },
      ["superuser"],
    );
    const stray = {
      ...link("search", "search", { payload: null, params: { schema: rds.params } }),
      linkId: "l-stray",
    };
    const found = deploymentBlockers({
      action: "plan",
      environment: "production",
      resolution: resolveInstance(api({ links: [deployedCluster, superuser, stray] })),
    });
    expect(found.map((b) => [b.field, b.rule])).toEqual([
      ["connections.search", "unknown-slot"],
      ["connections.database", "unknown-policy"],
    ]);
    expect(found[1]!.message).toContain("allowed: read-only, read-write, admin");
  });

  it("reports every blocker at once, in the resolver's order: slots, then secrets", () => {
    const input = api({
      links: [undeployedDb],
      instance: { preset: null, params: null, secretsSet: [] },
    });
    expect(
      deploymentBlockers({
        action: "apply",
        environment: "staging",
        resolution: resolveInstance(input),
      }).map((b) => [b.field, b.rule]),
    ).toEqual([
      ["connections.cluster", "missing-required"],
      ["secrets.SESSION_SECRET", "missing-secret"],
      ["connections.database", "upstream-not-deployed"],
    ]);
  });

  it("covers every bundle declaring a required secret: a lambda's signing key, a local process's session secret", () => {
    const fn = api({
      bundle: lambda,
      component: { id: "c-fn", name: "thumbnailer" },
      instance: { preset: null, params: null, secretsSet: ["SENTRY_DSN"] },
      links: [],
    });
    expect(blockers("plan", fn).filter((b) => b.startsWith("secrets."))).toEqual([
      'secrets.API_SIGNING_KEY: required secret "API_SIGNING_KEY" is not set in production',
    ]);
    const local = api({
      bundle: localProcess,
      component: { id: "c-web", name: "web" },
      instance: { preset: null, params: null, secretsSet: [] },
      links: [],
    });
    expect(blockers("apply", local)).toEqual([
      'secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production',
    ]);
    expect(
      blockers("apply", {
        ...local,
        instance: { ...local.instance, secretsSet: ["SESSION_SECRET"] },
      }),
    ).toEqual([]);
  });

  it("gives the same answer on the redacted resolution the browser receives", () => {
    const input = api({ instance: { preset: null, params: null, secretsSet: [] } });
    const raw = resolveInstance(input);
    for (const action of ["plan", "apply"] as const) {
      expect(
        deploymentBlockers({
          action,
          environment: "production",
          resolution: redactResolution(raw),
        }),
      ).toEqual(deploymentBlockers({ action, environment: "production", resolution: raw }));
    }
  });
});

describe("assertRequestable", () => {
  it("refuses with BAD_REQUEST, one line naming every field and rule, and the fields for inline display", () => {
    const input = api({ links: [], instance: { preset: null, params: null, secretsSet: [] } });
    let thrown: unknown;
    try {
      assertRequestable({
        action: "plan",
        environment: "production",
        resolution: resolveInstance(input),
      });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    const error = thrown as AppError;
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      'Deployment blocked — connections.cluster: required slot "cluster" (kubernetes-cluster) has no line and no environment default · secrets.SESSION_SECRET: required secret "SESSION_SECRET" is not set in production',
    );
    expect(error.details.fields).toEqual({
      "connections.cluster": [
        'required slot "cluster" (kubernetes-cluster) has no line and no environment default',
      ],
      "secrets.SESSION_SECRET": ['required secret "SESSION_SECRET" is not set in production'],
    });
  });

  it("passes when nothing blocks", () => {
    expect(() =>
      assertRequestable({
        action: "plan",
        environment: "production",
        resolution: resolveInstance(api()),
      }),
    ).not.toThrow();
  });
});
