import {
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
  mkdtempSync,
  mkdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ProvisionRequest, RunContext } from "../types";
import { artifactsFrom } from "./outputs";
import { prepareWorkDir } from "./workdir";

const bundleDir = mkdtempSync(path.join(tmpdir(), "pb-tf-bundle-"));
afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

function bundleWith(files: Record<string, string>) {
  const src = path.join(bundleDir, `src-${Math.random().toString(36).slice(2)}`);
  mkdirSync(src);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(src, name), text);
  return path.basename(src);
}

const access = (password: string) => ({
  address: "http://127.0.0.1:1/api/state/i/src",
  username: "run-d1",
  password,
});

function run(step: string): RunContext {
  return {
    deploymentId: "d1",
    instanceId: "i1",
    bundleDir,
    step: { path: step, provisioner: "terraform" },
    metadata: { name_prefix: "notes-local-flags-ab12", default_tags: { project: "notes" } },
    connections: {
      db: { payload: { host: "h", password: "db-secret-pw" }, grants: [{ sql: "x" }] },
    },
    state: access("state-secret-pw"),
    upstreamStates: { db: access("upstream-secret-pw") },
    secrets: ["db-secret-pw"],
  };
}

const request = { params: { size: 2 } } as unknown as ProvisionRequest;

describe("a run's working directory", () => {
  it("holds the source, params, connections with grants and metadata; credentials only in env", () => {
    const work = prepareWorkDir(request, run(bundleWith({ "main.tf": 'variable "size" {}\n' })));
    try {
      expect(statSync(work.dir).mode & 0o777).toBe(0o700);
      const files = readdirSync(work.module).sort();
      expect(files).toEqual([
        "_connections.auto.tfvars.json",
        "_metadata.auto.tfvars.json",
        "_params.auto.tfvars.json",
        "_patchbay_backend.tf",
        "main.tf",
      ]);
      const read = (f: string) => JSON.parse(readFileSync(path.join(work.module, f), "utf8"));
      expect(read("_params.auto.tfvars.json")).toEqual({ size: 2 });
      expect(read("_connections.auto.tfvars.json")).toEqual({
        db: { host: "h", password: "db-secret-pw", grants: [{ sql: "x" }] },
      });
      expect(read("_metadata.auto.tfvars.json").md_metadata.name_prefix).toBe(
        "notes-local-flags-ab12",
      );
      const everything = [
        ...files.map((f) => path.join(work.module, f)),
        path.join(work.dir, "cli.tfrc"),
      ]
        .map((f) => readFileSync(f, "utf8"))
        .join("\n");
      expect(everything).not.toContain("state-secret-pw");
      expect(everything).not.toContain("upstream-secret-pw");
      expect(work.env.TF_HTTP_PASSWORD).toBe("state-secret-pw");
      expect(JSON.parse(work.env.TF_VAR_md_upstream_states!).db.password).toBe(
        "upstream-secret-pw",
      );
      expect(work.env).toMatchObject({
        TF_IN_AUTOMATION: "1",
        CHECKPOINT_DISABLE: "1",
        TF_INPUT: "0",
      });
      expect(
        Object.keys(work.env).some((k) => k.startsWith("PATCHBAY_") || k === "DATABASE_URL"),
      ).toBe(false);
      expect(work.secrets).toEqual(
        expect.arrayContaining(["state-secret-pw", "upstream-secret-pw", "db-secret-pw"]),
      );
    } finally {
      work.remove();
    }
  });

  it("points a module's own backend at Patchbay with an override file", () => {
    const step = bundleWith({ "main.tf": 'terraform {\n  backend "s3" {}\n}\n' });
    const work = prepareWorkDir(request, run(step));
    try {
      expect(readdirSync(work.module)).toContain("_patchbay_backend_override.tf");
    } finally {
      work.remove();
    }
  });

  it("refuses a step path that leaves the bundle", () => {
    expect(() => prepareWorkDir(request, run("../elsewhere"))).toThrow(/leaves the bundle/);
  });
});

describe("outputs as artifacts", () => {
  it("takes artifact_<key> (captured output -json) for every line, with the type's sensitive fields", () => {
    const outputs = JSON.parse(readFileSync("test/fixtures/terraform/output.json", "utf8"));
    const type = { name: "feature-flags", sensitivePaths: [] } as never;
    const lines = [{ linkId: "l1", artifact: "flags" }] as never;
    const produced = artifactsFrom(outputs, { flags: type }, lines);
    expect(produced.artifacts.flags?.shared).toMatchObject({ version: "v1" });
    expect(produced.artifacts.flags?.lines.l1).toEqual(produced.artifacts.flags?.shared);
    expect(() => artifactsFrom(outputs, { cache: type }, [])).toThrow(/artifact_cache/);
  });
});
