import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { leastPrivileged } from "@/server/domain/access/policies";
import { buildCatalogIndex, inputSlot } from "@/server/domain/catalog/catalog-index";
import { loadCatalog } from "./loader";

const root = path.resolve(__dirname, "../../bundles");
const catalog = loadCatalog(root);

describe("shipped catalog", () => {
  it("loads with zero errors", () => {
    expect(catalog.errors).toEqual([]);
    expect(catalog.bundles.length).toBeGreaterThanOrEqual(14);
    expect(catalog.artifactTypes.length).toBeGreaterThanOrEqual(14);
  });

  it("has the required bundles, each with presets that fit their params", () => {
    const names = catalog.bundles.map((b) => b.name);
    for (const name of [
      "aws-vpc",
      "aws-rds-postgres",
      "aws-sqs-queue",
      "aws-s3-bucket",
      "aws-sns-topic",
      "aws-eks-cluster",
      "aws-lambda-function",
      "aws-elasticache-redis",
      "aws-iam-credentials",
      "gcp-cloudsql-postgres",
      "gcp-pubsub-topic",
      "gcp-gcs-bucket",
      "gcp-service-account",
      "k8s-application",
      "local-postgres-database",
      "local-redis",
      "local-process",
      "feature-flags",
      "feature-flag-reader",
    ]) {
      expect(names).toContain(name);
    }
    for (const bundle of catalog.bundles)
      expect(bundle.presets.length, bundle.name).toBeGreaterThanOrEqual(2);
  });

  it("inlines local $refs in params", () => {
    const rds = catalog.bundles.find((b) => b.name === "aws-rds-postgres")!;
    const backup = (
      rds.params.properties as Record<string, { properties: Record<string, unknown> }>
    ).backup!;
    expect(backup.properties.retention_days).toMatchObject({
      type: "integer",
      maximum: 35,
      default: 7,
    });
    expect(JSON.stringify(rds.params)).not.toContain("$ref");
  });

  it("declares app env and secrets on every application bundle", () => {
    for (const name of ["aws-lambda-function", "k8s-application", "local-process"]) {
      const app = catalog.bundles.find((b) => b.name === name)!.app!;
      expect(app.env.DATABASE_URL).toContain("{{connections.database.password}}");
      expect(Object.keys(app.secrets).length).toBeGreaterThan(0);
    }
  });

  it("marks sensitive fields and orders policies least privileged first", () => {
    const types = new Map(catalog.artifactTypes.map((t) => [t.name, t]));
    expect(types.get("postgresql")!.sensitivePaths).toEqual(["/password"]);
    expect(types.get("kubernetes-cluster")!.sensitivePaths).toEqual(["/token"]);
    expect(types.get("postgresql")!.policies.map((p) => p.id)).toEqual([
      "read-only",
      "read-write",
      "admin",
    ]);
    expect(types.get("aws-sqs-queue")!.policies.map((p) => p.id)).toEqual([
      "publish",
      "subscribe",
      "publish-subscribe",
    ]);
    for (const type of catalog.artifactTypes) {
      for (const policy of type.policies) {
        for (const statement of policy.grants.aws?.document?.Statement ?? [])
          expect(statement.Resource).not.toBe("*");
      }
    }
  });

  it("gives every definition a stable sha256 digest", () => {
    const again = loadCatalog(root);
    for (const bundle of catalog.bundles) {
      expect(bundle.digest).toMatch(/^[0-9a-f]{64}$/);
      expect(again.bundles.find((b) => b.name === bundle.name)!.digest).toBe(bundle.digest);
    }
    expect(new Set(catalog.artifactTypes.map((t) => t.digest)).size).toBe(
      catalog.artifactTypes.length,
    );
  });

  it("builds a constant-time index for the canvas", () => {
    const index = buildCatalogIndex(catalog.bundles, catalog.artifactTypes);
    expect(inputSlot(index, "k8s-application", "database")).toMatchObject({
      type: "postgresql",
      required: false,
    });
    expect(inputSlot(index, "k8s-application", "nope")).toBeUndefined();
    expect(leastPrivileged(index.artifactTypes.get("aws-s3-bucket")!.policies)).toEqual(["read"]);
  });
});

describe("isolation", () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-catalog-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("keeps loading the rest of the catalog when one bundle is broken", () => {
    cpSync(root, tmp, { recursive: true });
    cpSync(
      path.resolve(__dirname, "../../test/fixtures/broken-bundles/preset-invalid/sized"),
      path.join(tmp, "sized"),
      { recursive: true },
    );
    const result = loadCatalog(tmp);
    expect(result.bundles.length).toBe(catalog.bundles.length);
    expect(result.errors.map((e) => e.rule)).toEqual(["preset-invalid"]);
  });
});
