import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { reloadEnv } from "../../env";
import { findTerraform, missingBinaryMessage } from "./binary";

const root = mkdtempSync(path.join(tmpdir(), "pb-tf-bin-"));
const saved = { PATH: process.env.PATH, PATCHBAY_TOFU_BIN: process.env.PATCHBAY_TOFU_BIN };

function dirWith(...names: string[]) {
  const dir = path.join(root, Math.random().toString(36).slice(2));
  mkdirSync(dir);
  for (const name of names) {
    writeFileSync(path.join(dir, name), "#!/bin/sh\n");
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

function withEnv(vars: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(vars))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  reloadEnv();
}

afterEach(() => withEnv(saved));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("which binary runs Terraform steps", () => {
  it("prefers tofu on PATH, else terraform", () => {
    const both = dirWith("tofu", "terraform");
    const onlyTerraform = dirWith("terraform");
    withEnv({ PATH: `${onlyTerraform}:${both}`, PATCHBAY_TOFU_BIN: undefined });
    expect(findTerraform()).toEqual({ path: path.join(both, "tofu"), kind: "tofu" });
    withEnv({ PATH: onlyTerraform });
    expect(findTerraform()).toEqual({
      path: path.join(onlyTerraform, "terraform"),
      kind: "terraform",
    });
  });

  it("takes PATCHBAY_TOFU_BIN when set, and says when it is not an executable", () => {
    const dir = dirWith("tofu", "terraform-1.11");
    withEnv({ PATH: dir, PATCHBAY_TOFU_BIN: path.join(dir, "terraform-1.11") });
    expect(findTerraform()).toEqual({ path: path.join(dir, "terraform-1.11"), kind: "terraform" });
    withEnv({ PATCHBAY_TOFU_BIN: path.join(dir, "missing") });
    expect(findTerraform()).toBeNull();
    expect(missingBinaryMessage()).toMatch(
      /PATCHBAY_TOFU_BIN is .*missing, which is not an executable/,
    );
  });

  it("finds none on an empty PATH and says how to fix it", () => {
    withEnv({ PATH: dirWith(), PATCHBAY_TOFU_BIN: undefined });
    expect(findTerraform()).toBeNull();
    expect(missingBinaryMessage()).toMatch(/install OpenTofu \(or Terraform\).*PATCHBAY_TOFU_BIN/);
  });
});
