import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jqToTemplate } from "./massdriver-jq";
import { realRoot } from "./contained-path";
import { importMassdriverPath as importFrom } from "./massdriver";

// The Massdriver files are shared test data outside the repository; override the location
// with MASSDRIVER_FIXTURES when they live elsewhere.
const root =
  process.env.MASSDRIVER_FIXTURES ?? path.resolve(process.cwd(), "../shared/fixtures/massdriver");
const v1 = path.join(root, "v1-artifact-definitions/artifacts");
const v2 = path.join(root, "v2-catalog");
// Every file read stays inside the fixtures directory (the import root).
const importMassdriverPath = (target: string) => importFrom(target, { root: realRoot(root) });

function importable(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return importable(full);
    return entry === "massdriver.yaml" ||
      entry === "preview.yaml" ||
      (dir.endsWith("artifacts") && entry.endsWith(".json"))
      ? [full]
      : [];
  });
}

describe("massdriver import", () => {
  const files = importable(root);

  it("finds every bundle, definition and type in the fixtures", () => {
    expect(files.length).toBe(1 + 11 + 5 + 10 + 5 + 1);
  });

  it.each(files.map((f) => [path.relative(root, f), f]))(
    "imports %s without errors",
    (_name, file) => {
      const result = importMassdriverPath(file);
      expect(result.errors).toEqual([]);
      expect(
        result.bundles.length +
          result.artifactTypes.length +
          (file.endsWith("preview.yaml") ? 1 : 0),
      ).toBe(1);
    },
  );

  it("imports the whole fixture tree at once", () => {
    const result = importMassdriverPath(root);
    expect(result.errors).toEqual([]);
    expect(result.bundles).toHaveLength(6);
    expect(result.artifactTypes.length).toBeGreaterThanOrEqual(20);
    // Every dropped key is reported, not silently lost.
    expect(result.warnings.some((w) => w.path.endsWith("/$md.immutable"))).toBe(true);
  });

  it("converts the v1 aws-rds-postgres bundle: presets, slots and reported losses", () => {
    const result = importMassdriverPath(
      path.join(root, "v1-bundles/aws-rds-postgres/massdriver.yaml"),
    );
    const bundle = result.bundles[0]!;
    expect(bundle.name).toBe("aws-rds-postgres");
    expect(bundle.presets.map((p) => p.name)).toEqual([
      "Development (Est. Cost: $51/mo)",
      "Production (Est. Cost: $881/mo)",
    ]);
    expect(bundle.connections).toEqual([
      { key: "network", type: "aws-vpc", title: "Network", required: true },
      {
        key: "aws_authentication",
        type: "aws-iam-role",
        title: "Aws authentication",
        required: true,
      },
    ]);
    expect(bundle.artifacts).toEqual([
      { key: "authentication", type: "postgresql-authentication", title: "Authentication" },
    ]);
    expect(bundle.steps).toEqual([{ path: "src", provisioner: "opentofu" }]);
    const paths = result.warnings.map((w) => w.path);
    expect(paths).toContain(
      "/params/properties/storage/dependencies/type/oneOf/0/properties/iops/max",
    );
    expect(paths).toContain("/steps/0/config");
    expect(paths).toContain("/source_url");
  });

  it("marks $md.sensitive fields of v1 definitions as sensitive", () => {
    const pg = importMassdriverPath(path.join(v1, "postgresql-authentication.json"))
      .artifactTypes[0]!;
    expect(pg.name).toBe("postgresql-authentication");
    expect(pg.sensitivePaths).toEqual(["/data/authentication/password"]);
    const port = (pg.schema as any).properties.data.properties.authentication.properties.port;
    expect(port).toMatchObject({ type: "integer" }); // ../types/port.json was inlined
    const sa = importMassdriverPath(path.join(v1, "gcp-service-account.json")).artifactTypes[0]!;
    expect(sa.orientation).toBe("environment");
    expect(sa.sensitivePaths).toEqual(["/data/private_key"]);
  });

  it("turns data.security.iam into named AWS policies, least privileged first", () => {
    const result = importMassdriverPath(path.join(v1, "aws-sqs-queue.json"));
    const sqs = result.artifactTypes[0]!;
    expect(sqs.policies.map((p) => p.id)).toEqual(["read", "write"]);
    expect(sqs.policies[0]!.grants.aws).toEqual({
      policyArn: "{{artifact.data.security.iam.read.policy_arn}}",
    });
    expect(result.warnings.some((w) => w.message.includes("chosen at runtime"))).toBe(true);
  });

  it("converts v2 resource types, platforms and the application bundle's app block", () => {
    const types = importMassdriverPath(path.join(v2, "resource-types")).artifactTypes;
    expect(types.find((t) => t.name === "postgres-database")!.sensitivePaths).toEqual([
      "/auth/password",
    ]);
    const k8s = importMassdriverPath(path.join(v2, "platforms/kubernetes/massdriver.yaml"))
      .artifactTypes[0]!;
    expect(k8s).toMatchObject({ name: "kubernetes-cluster", orientation: "environment" });
    expect(k8s.sensitivePaths).toEqual(["/authentication/user/token"]);

    const result = importMassdriverPath(v2);
    expect(result.errors).toEqual([]);
    const app = result.bundles.find((b) => b.name === "application")!;
    expect(app.connections.map((c) => [c.key, c.type, c.required])).toEqual([
      ["network", "virtual-network", true],
      ["database", "postgres-database", true],
      ["bucket", "object-storage", false],
    ]);
    expect(app.app!.env.DATABASE_URL).toBe(
      "postgresql://{{connections.database.auth.username}}:{{connections.database.auth.password}}@{{connections.database.auth.hostname}}:{{connections.database.auth.port}}/{{connections.database.auth.database}}",
    );
    expect(app.app!.secrets.JWT_SECRET).toMatchObject({ required: true });
    // The POSIX class in the image pattern is rewritten so ajv can compile it.
    expect((app.params.properties as any).image.pattern).toBe("^[^\\s]+:[^\\s]+$");
  });

  it("reports a missing path as an error instead of throwing", () => {
    expect(importMassdriverPath(path.join(root, "nope")).errors[0]!.rule).toBe("file-unreadable");
  });
});

describe("jq to template", () => {
  it.each([
    [".params.environment", "{{params.environment}}"],
    [".params.port | tostring", "{{params.port}}"],
    ['.connections.bucket.name // ""', "{{connections.bucket.name}}"],
    ['"http://" + .a.host + ":" + (.a.port | tostring)', "http://{{a.host}}:{{a.port}}"],
  ])("%s", (expr, template) => expect(jqToTemplate(expr).template).toBe(template));

  it("refuses expressions that are not substitution", () => {
    expect(jqToTemplate(".a | ascii_upcase").template).toBeUndefined();
  });
});
