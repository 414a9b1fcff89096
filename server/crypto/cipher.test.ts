import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError } from "../env";
import { open, openCompact, resolveSecretKey, seal, sealCompact } from "./cipher";
import { fingerprint } from "./fingerprint";

const key = randomBytes(32);
const tmp = mkdtempSync(path.join(os.tmpdir(), "patchbay-crypto-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("secret encryption", () => {
  it("round-trips, with a fresh IV every time", () => {
    const a = seal("hunter2-canary", key);
    const b = seal("hunter2-canary", key);
    expect(open(a, key)).toBe("hunter2-canary");
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.iv, "base64")).toHaveLength(12);
    expect(JSON.stringify(a)).not.toContain("hunter2");
  });

  it("refuses a tampered ciphertext or tag", () => {
    const sealed = seal("value", key);
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => open({ ...sealed, ciphertext: flipped.toString("base64") }, key)).toThrow(
      /could not be decrypted/,
    );
    expect(() => open({ ...sealed, authTag: seal("other", key).authTag }, key)).toThrow(
      /could not be decrypted/,
    );
  });

  it("refuses the wrong key, naming PATCHBAY_SECRET_KEY", () => {
    expect(() => open(seal("value", key), randomBytes(32))).toThrow(/PATCHBAY_SECRET_KEY/);
    expect(() => openCompact(sealCompact("value", key), randomBytes(32))).toThrow(
      /could not be decrypted/,
    );
  });

  it("has a compact one-string form", () => {
    const compact = sealCompact(JSON.stringify({ "/secret": "s3cr3t" }), key);
    expect(compact).toMatch(/^v1\.[^.]+\.[^.]+\.[^.]+$/);
    expect(JSON.parse(openCompact(compact, key))).toEqual({ "/secret": "s3cr3t" });
    expect(() => openCompact("v2.a.b.c", key)).toThrow(/unknown format/);
  });

  it("fingerprints with a key per organization, never a plain SHA-256 a viewer could test guesses against", () => {
    const plain = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // sha256("abc")
    expect(fingerprint("abc", "org-a")).toMatch(/^[0-9a-f]{64}$/);
    expect(fingerprint("abc", "org-a")).not.toBe(plain);
    expect(fingerprint("abc", "org-a")).toBe(fingerprint("abc", "org-a"));
    expect(fingerprint("abc", "org-b")).not.toBe(fingerprint("abc", "org-a"));
  });
});

describe("the key", () => {
  it("is generated once into the data directory with 0600 permissions, then reused", () => {
    const first = resolveSecretKey({ PATCHBAY_DATA_DIR: tmp });
    const file = path.join(tmp, "secret-key");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first, "base64")).toHaveLength(32);
    expect(resolveSecretKey({ PATCHBAY_DATA_DIR: tmp })).toBe(first);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
  });

  it("prefers PATCHBAY_SECRET_KEY and checks its shape", () => {
    const value = randomBytes(32).toString("base64");
    expect(resolveSecretKey({ PATCHBAY_SECRET_KEY: value, PATCHBAY_DATA_DIR: tmp })).toBe(value);
    expect(() => resolveSecretKey({ PATCHBAY_SECRET_KEY: "short" })).toThrow(
      /PATCHBAY_SECRET_KEY: must be 32 bytes/,
    );
  });

  it("must be set in production on PostgreSQL", () => {
    const config = {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://db/patchbay",
      PATCHBAY_DATA_DIR: path.join(tmp, "never"),
    };
    expect(() => resolveSecretKey(config)).toThrow(EnvError);
    expect(() => resolveSecretKey(config)).toThrow(
      /PATCHBAY_SECRET_KEY: must be set in production/,
    );
  });
});
