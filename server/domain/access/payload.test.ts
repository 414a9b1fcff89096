import { describe, expect, it } from "vitest";
import { preset, realBundle, realType } from "@/test/real-catalog";
import { resolveParams } from "./params";
import { connectionPayload, previewPayload } from "./payload";

const rds = realBundle("aws-rds-postgres");
const postgresql = realType("postgresql");
const rdsParams = resolveParams({ schema: rds.params, preset: preset(rds, "Development") });

describe("preview payloads", () => {
  it("takes same-named params (or those a field's fromParams names), then schema defaults, and leaves the rest unknown", () => {
    const preview = previewPayload(postgresql, rdsParams);
    expect(preview.preview).toBe(true);
    expect(preview.payload).toEqual({
      username: "patchbay",
      port: 5432,
      sslmode: "require",
      // database ← database_name, version ← engine_version (postgresql.yaml `fromParams`)
      database: "app",
      version: "16",
    });
    expect(preview.unknown).toEqual(expect.arrayContaining(["hostname", "password"]));
    expect(preview.unknown).not.toContain("database");
  });

  it("never previews a sensitive field, even when a param has its name", () => {
    const preview = previewPayload(postgresql, { ...rdsParams, password: "from-a-param" });
    expect(preview.payload.password).toBeUndefined();
    expect(preview.unknown).toContain("password");
    expect(preview.sensitive).toEqual(["/password"]);
    expect(JSON.stringify(preview)).not.toContain("from-a-param");
  });

  it("previews a queue from its params (region, fifo), the ARN unknown", () => {
    const sqs = realBundle("aws-sqs-queue");
    const preview = previewPayload(
      realType("aws-sqs-queue"),
      resolveParams({ schema: sqs.params, preset: preset(sqs, "Development") }),
    );
    expect(preview.payload).toMatchObject({ region: expect.any(String), fifo: false });
    expect(preview.unknown).toContain("arn");
  });
});

describe("connectionPayload", () => {
  const deployed = {
    hostname: "db.internal",
    port: 5432,
    database: "app",
    username: "patchbay",
    password: "s3cret",
    version: "16",
  };

  it("uses the deployed payload as is, not a preview", () => {
    expect(connectionPayload(postgresql, deployed, rdsParams)).toEqual({
      payload: deployed,
      preview: false,
      unknown: [],
      sensitive: ["/password"],
    });
  });

  it("falls back to a preview while the upstream is not deployed", () => {
    const result = connectionPayload(postgresql, null, rdsParams);
    expect(result.preview).toBe(true);
    expect(result.unknown).toContain("hostname");
  });
});
