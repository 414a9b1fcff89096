// containedPath: the one containment rule every import read goes through.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { containedPath, readContainedFile, realRoot } from "./contained-path";

const tmp = realRoot(mkdtempSync(path.join(os.tmpdir(), "patchbay-contained-")));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = path.join(tmp, "root");
const outsideDir = path.join(tmp, "outside");
mkdirSync(path.join(root, "types"), { recursive: true });
mkdirSync(path.join(root, "shared"), { recursive: true });
mkdirSync(outsideDir, { recursive: true });
writeFileSync(path.join(root, "types", "port.json"), '{"type":"integer"}');
writeFileSync(path.join(root, "shared", "arn.json"), '{"type":"string"}');
writeFileSync(path.join(outsideDir, "secret.json"), "root:x:0:0:CANARY");
symlinkSync(outsideDir, path.join(root, "types", "linked-out"));
symlinkSync(path.join(outsideDir, "secret.json"), path.join(root, "types", "secret.json"));
symlinkSync(path.join(root, "shared"), path.join(root, "types", "linked-in"));
const from = path.join(root, "types");
const outsideProblem = (ref: string) => ({
  problem: { rule: "outside-import-root", message: `"${ref}" is outside the import root` },
});

describe("containedPath", () => {
  it("resolves a relative ref inside the root to its real path", () => {
    expect(containedPath(root, from, "./port.json")).toEqual({
      path: path.join(root, "types", "port.json"),
    });
    expect(containedPath(root, from, "../shared/arn.json")).toEqual({
      path: path.join(root, "shared", "arn.json"),
    });
  });

  it("refuses .. that leaves the root", () => {
    expect(containedPath(root, from, "../../outside/secret.json")).toEqual(
      outsideProblem("../../outside/secret.json"),
    );
    expect(containedPath(root, from, "../../../../../../etc/passwd")).toEqual(
      outsideProblem("../../../../../../etc/passwd"),
    );
  });

  it("refuses an absolute path outside the root and accepts one inside", () => {
    expect(containedPath(root, from, "/etc/passwd")).toEqual(outsideProblem("/etc/passwd"));
    expect(containedPath(root, from, path.join(root, "shared", "arn.json"))).toEqual({
      path: path.join(root, "shared", "arn.json"),
    });
  });

  it("refuses a symlinked folder that points outside", () => {
    expect(containedPath(root, from, "./linked-out/secret.json")).toEqual(
      outsideProblem("./linked-out/secret.json"),
    );
  });

  it("refuses a symlinked file that points outside", () => {
    expect(containedPath(root, from, "./secret.json")).toEqual(outsideProblem("./secret.json"));
  });

  it("follows a symlink inside the root that points inside", () => {
    expect(containedPath(root, from, "./linked-in/arn.json")).toEqual({
      path: path.join(root, "shared", "arn.json"),
    });
  });

  it("checks URL-encoded forms decoded", () => {
    expect(containedPath(root, from, "%2e%2e/%2e%2e/outside/secret.json")).toEqual(
      outsideProblem("%2e%2e/%2e%2e/outside/secret.json"),
    );
    expect(containedPath(root, from, "..%2F..%2Foutside%2Fsecret.json")).toEqual(
      outsideProblem("..%2F..%2Foutside%2Fsecret.json"),
    );
    expect(containedPath(root, from, "%2Fetc%2Fpasswd")).toEqual(outsideProblem("%2Fetc%2Fpasswd"));
    expect(containedPath(root, from, "%E0%A4%A")).toMatchObject({
      problem: { rule: "not-a-path" },
    });
  });

  it("refuses URLs and NUL bytes, and reports a missing file inside without reading anything", () => {
    expect(containedPath(root, from, "file:///etc/passwd")).toMatchObject({
      problem: { rule: "not-a-path" },
    });
    expect(containedPath(root, from, "./port.json%00.txt")).toMatchObject({
      problem: { rule: "not-a-path" },
    });
    expect(containedPath(root, from, "./nope.json")).toEqual({
      problem: { rule: "not-found", message: '"./nope.json" does not exist' },
    });
  });

  it("reads only what it resolved, and never a link in its place", () => {
    const ok = containedPath(root, from, "./port.json");
    expect(readContainedFile(ok.path!, "./port.json")).toEqual({ text: '{"type":"integer"}' });
    const swapped = readContainedFile(path.join(root, "types", "secret.json"), "./secret.json");
    expect(swapped.text).toBeUndefined();
    expect(JSON.stringify(swapped)).not.toContain("CANARY");
  });
});
