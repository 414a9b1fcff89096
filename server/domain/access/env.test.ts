import { describe, expect, it } from "vitest";
import { realBundle, realType } from "@/test/real-catalog";
import { renderEnv, secretStatus, type EnvConnection } from "./env";
import { metadataBag } from "./metadata";
import { resolveParams } from "./params";

const app = realBundle("k8s-application");
const params = resolveParams({ schema: app.params, preset: null });
const metadata = metadataBag({
  organization: { id: "o", slug: "acme" },
  project: { id: "p", slug: "ecommerce-api" },
  environment: { id: "e", slug: "staging" },
  component: { id: "c", name: "api" },
});
const pg = realType("postgresql");
const database = (
  payload: Record<string, unknown> | null,
  unknown: string[] = [],
): EnvConnection => ({
  payload,
  unknown,
  sensitivePaths: pg.sensitivePaths,
  required: false,
  linkId: "link-db",
});
const unlinked = (required: boolean): EnvConnection => ({
  payload: null,
  unknown: [],
  sensitivePaths: [],
  required,
});
const live = {
  hostname: "db.internal",
  port: 5432,
  database: "app",
  username: "patchbay",
  password: "s3cret",
  version: "16",
  sslmode: "require",
};

function env(connections: Record<string, EnvConnection>) {
  const vars = renderEnv({ app: app.app, params, connections, metadata });
  return Object.fromEntries(vars.map((v) => [v.name, v]));
}

describe("app.env templates", () => {
  it("renders k8s-application DATABASE_URL from a deployed postgresql connection, sensitive because of the password", () => {
    const vars = env({
      cluster: unlinked(true),
      database: database(live),
      queue: unlinked(false),
      cache: unlinked(false),
    });
    expect(vars.DATABASE_URL).toEqual({
      name: "DATABASE_URL",
      value: "postgresql://patchbay:s3cret@db.internal:5432/app?sslmode=require",
      sensitive: true,
      sources: expect.arrayContaining([
        {
          kind: "connection",
          path: "connections.database.password",
          slot: "database",
          linkId: "link-db",
        },
      ]),
    });
    expect(vars.PORT).toEqual({
      name: "PORT",
      value: "8080",
      sensitive: false,
      sources: [{ kind: "param", path: "port" }],
    });
    expect(vars.OTEL_SERVICE_NAME).toMatchObject({
      value: metadata.name_prefix,
      sources: [{ kind: "metadata", path: "name_prefix" }],
    });
  });

  it("renders references through an unlinked optional connection as empty", () => {
    const vars = env({
      cluster: unlinked(true),
      database: unlinked(false),
      queue: unlinked(false),
      cache: unlinked(false),
    });
    expect(vars.QUEUE_URL!.value).toBe("");
    expect(vars.DATABASE_URL!.value).toBe("postgresql://:@:/?sslmode=");
    expect(vars.DATABASE_URL!.sensitive).toBe(false);
  });

  it("is null (not known yet) when it depends on a preview field, and still sensitive", () => {
    const vars = env({
      cluster: unlinked(true),
      database: database({ username: "patchbay", port: 5432, sslmode: "require" }, [
        "hostname",
        "database",
        "password",
        "version",
      ]),
      queue: unlinked(false),
      cache: unlinked(false),
    });
    expect(vars.DATABASE_URL).toMatchObject({ value: null, sensitive: true });
    expect(vars.LOG_LEVEL!.value).toBe("info");
  });
});

describe("secrets", () => {
  it("lists declared secrets and whether each is set, never a value", () => {
    expect(secretStatus(app.app, ["SESSION_SECRET"])).toEqual([
      {
        name: "SESSION_SECRET",
        title: "Session signing secret",
        required: true,
        description: "Generate with: openssl rand -base64 48",
        set: true,
      },
      { name: "SENTRY_DSN", title: "Sentry DSN", required: false, set: false },
    ]);
    expect(secretStatus(realBundle("aws-rds-postgres").app, [])).toEqual([]);
  });
});
