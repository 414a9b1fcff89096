// biome-ignore-all lint/suspicious/noTemplateCurlyInString: preview files write ${VAR} literally
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { expandPreview } from "./expand";
import { readPreviewFile } from "./read-file";
import { parseTtl, previewSlug } from "./spec";

const MASSDRIVER = path.resolve(__dirname, "../../../../shared/fixtures/massdriver/v2-catalog");

describe("readPreviewFile", () => {
  it("accepts Massdriver's preview.yaml, with a warning for each key that maps to nothing", () => {
    const doc = parse(readFileSync(path.join(MASSDRIVER, "preview.yaml"), "utf8"));
    const read = readPreviewFile(doc);
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.spec.project).toBe("fancy");
    expect(read.spec.baseEnvironment).toBe("production");
    expect(Object.keys(read.spec.components)).toEqual(["app", "pg", "mysql"]);
    expect(read.spec.components.app?.params.replicas).toBe(1);
    expect(read.spec.components.app?.secrets.map((s) => s.name)).toEqual([
      "JWT_SECRET",
      "DATADOG_KEY",
    ]);
    expect(read.spec.tags.environmentLifecycle).toBe("preview");
    expect(read.spec.environmentDefaults).toEqual([{ type: "kubernetes-cluster" }]);
    const paths = read.warnings.map((w) => w.path);
    expect(paths).toContain("instances.app.version");
    expect(paths).toContain("instances.app.secrets.JWT_SECRET.value");
    expect(paths).toContain("environmentDefaults[0].resourceId");
    expect(read.warnings.find((w) => w.path === "instances.pg.version")?.message).toMatch(
      /maps to nothing in Patchbay/,
    );
  });

  it("reads Patchbay's format: components, secrets from named variables, a ttl", () => {
    const read = readPreviewFile({
      project: "notes",
      baseEnvironment: "staging",
      ttl: "2d",
      environmentDefaults: [{ type: "kubernetes-cluster", from: "previews" }],
      components: {
        api: { params: { domain: "pr-${PR}.example.com" }, secrets: { TOKEN: "API_TOKEN" } },
        db: null,
      },
      colour: "blue",
    });
    if (!read.ok) throw new Error(JSON.stringify(read.problems));
    expect(read.spec.ttlHours).toBe(48);
    expect(read.spec.components.api?.secrets).toEqual([{ name: "TOKEN", fromEnv: "API_TOKEN" }]);
    expect(read.spec.components.db).toEqual({ params: {}, secrets: [] });
    expect(read.warnings).toEqual([{ path: "colour", message: "unknown key, ignored" }]);
  });

  it("refuses a wrong shape naming each path", () => {
    const read = readPreviewFile({
      project: 3,
      ttl: "forever",
      components: { api: { params: 1 } },
    });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.path)).toEqual([
      "ttl",
      "project",
      "baseEnvironment",
      "components.api.params",
    ]);
  });
});

describe("expandPreview", () => {
  const read = readPreviewFile({
    project: "notes",
    baseEnvironment: "staging",
    tags: { branch: "${BRANCH}" },
    components: {
      api: { params: { host: "api-${PR}.x", n: 2, port: "${PORT}" }, secrets: { KEY: "KEY_VAR" } },
    },
  });
  if (!read.ok) throw new Error("fixture");

  it("fills ${VAR} and secrets from the environment", () => {
    const env = { PR: "42", BRANCH: "feat", KEY_VAR: "s3cret", PORT: "4312" };
    const out = expandPreview(read.spec, env);
    if (!out.ok) throw new Error(JSON.stringify(out.unset));
    expect(out.spec.components.api).toEqual({
      params: { host: "api-42.x", n: 2, port: 4312 },
      secrets: [{ name: "KEY", value: "s3cret" }],
    });
    expect(out.spec.tags).toEqual({ branch: "feat" });
  });

  it("refuses unset variables naming where each is used", () => {
    const out = expandPreview(read.spec, { PR: "42", PORT: "1" });
    expect(out).toEqual({
      ok: false,
      unset: [
        { path: "tags.branch", variable: "BRANCH" },
        { path: "components.api.secrets.KEY", variable: "KEY_VAR" },
      ],
    });
  });
});

it("reads durations and slugs as a pipeline writes them", () => {
  expect([parseTtl("72h"), parseTtl("3d"), parseTtl("90m"), parseTtl(5), parseTtl("x")]).toEqual([
    72,
    72,
    2,
    5,
    null,
  ]);
  expect([previewSlug("pr-42"), previewSlug("42"), previewSlug("Feature/Login")]).toEqual([
    "pr-42",
    "pr-42",
    "feature-login",
  ]);
});
