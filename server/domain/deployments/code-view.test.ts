import { describe, expect, it } from "vitest";
import type { InstanceResolution } from "../access/resolve-types";
import { codeView } from "./code-view";
import { tfvarsConnections, tfvarsFiles } from "./tfvars";

const SECRET = "s3cr3t-pa55word";

const resolution: InstanceResolution = {
  params: { replicas: 2, api_key: "k-123456" },
  connections: [
    {
      slot: "database",
      type: "postgresql",
      required: true,
      source: { kind: "link", linkId: "l1", from: { componentId: "db", name: "orders-db" } },
      payload: { hostname: "db.internal", database: "orders", password: SECRET },
      preview: false,
      unknown: [],
      sensitive: ["/password"],
    },
    {
      slot: "cache",
      type: "redis",
      required: false,
      source: { kind: "link", linkId: "l2", from: { componentId: "c", name: "cache" } },
      payload: { key_prefix: "app:" },
      preview: true,
      unknown: ["hostname", "password"],
      sensitive: ["/password"],
    },
    {
      slot: "queue",
      type: "aws-sqs-queue",
      required: false,
      source: null,
      payload: null,
      preview: false,
      unknown: [],
      sensitive: [],
    },
  ],
  metadata: {
    name_prefix: "shop-staging-api-ab12",
    default_tags: { "managed-by": "patchbay" },
  } as unknown as InstanceResolution["metadata"],
  env: [],
  secrets: [{ name: "SESSION_SECRET", title: "Session secret", required: true, set: false }],
  grants: [
    {
      linkId: "l1",
      slot: "database",
      type: "postgresql",
      source: { kind: "link", linkId: "l1", from: { componentId: "db", name: "orders-db" } },
      policies: [{ id: "read-only", title: "Read only", description: "" }],
      grants: { postgresql: { role: "r", statements: [`GRANT x -- ${SECRET}`] } },
      preview: false,
      placeholders: [],
      problems: [],
    },
  ],
  problems: [],
};

describe("tfvarsFiles", () => {
  it("writes params, each filled slot with its line's grants, and the metadata bag", () => {
    const files = tfvarsFiles({
      params: { a: 1 },
      connections: tfvarsConnections(resolution),
      metadata: { name_prefix: "p", default_tags: {} },
    });
    expect(Object.keys(files)).toEqual([
      "_params.auto.tfvars.json",
      "_connections.auto.tfvars.json",
      "_metadata.auto.tfvars.json",
    ]);
    expect(files["_connections.auto.tfvars.json"]).toEqual({
      database: {
        hostname: "db.internal",
        database: "orders",
        password: SECRET,
        grants: [resolution.grants[0]!.grants],
      },
      cache: { key_prefix: "app:", grants: [] },
    });
  });
});

describe("codeView", () => {
  const view = codeView(resolution, ["/api_key"]);
  const text = view.files.map((f) => f.content).join("\n");

  it("names every secret and never writes its value, even inside a grant", () => {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("k-123456");
    expect(text).toContain('"password": "(secret database.password)"');
    expect(text).toContain('"api_key": "(secret params.api_key)"');
    expect(text).toContain("GRANT x -- (secret database.password)");
    expect(view.withheld).toEqual(["params.api_key", "database.password", "cache.password"]);
  });

  it("says which fields come only after the upstream is deployed, and lists the bundle's secrets", () => {
    expect(text).toContain('"hostname": "(known after cache is deployed)"');
    expect(view.afterDeployment).toEqual(["cache.hostname"]);
    expect(view.secrets).toEqual([
      { name: "SESSION_SECRET", title: "Session secret", required: true, set: false },
    ]);
    expect(JSON.parse(view.files[2]!.content)).toEqual({
      md_metadata: {
        name_prefix: "shop-staging-api-ab12",
        default_tags: { "managed-by": "patchbay" },
      },
    });
  });
});
