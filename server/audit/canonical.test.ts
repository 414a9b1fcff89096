import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { fingerprint, redactForAudit } from "./redact";

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ at: new Date("2026-01-01T00:00:00Z") })).toBe(
      '{"at":"2026-01-01T00:00:00.000Z"}',
    );
  });
});

describe("audit redaction", () => {
  it("replaces credentials with a fingerprint at any depth and keeps everything else", () => {
    const out = redactForAudit(
      {
        name: "db",
        password: "s3cret!",
        nested: { apiKey: "abc", token: "t", list: [{ secret: "x" }] },
      },
      "org-1",
    );
    expect(JSON.stringify(out)).not.toMatch(/s3cret!|"abc"|"t"|"x"/);
    expect(out).toEqual({
      name: "db",
      password: { redacted: true, fingerprint: fingerprint("s3cret!", "org-1") },
      nested: {
        apiKey: { redacted: true, fingerprint: fingerprint("abc", "org-1") },
        token: { redacted: true, fingerprint: fingerprint("t", "org-1") },
        list: [{ secret: { redacted: true, fingerprint: fingerprint("x", "org-1") } }],
      },
    });
    expect(fingerprint("s3cret!", "org-1")).toMatch(/^hmac:[0-9a-f]{12}$/);
    // Keyed per organization: another organization's fingerprint of the same value differs,
    // and neither is the plain SHA-256 a viewer could test guesses against.
    expect(fingerprint("s3cret!", "org-2")).not.toBe(fingerprint("s3cret!", "org-1"));
    expect(fingerprint("s3cret!", "org-1")).not.toContain(
      createHash("sha256").update("s3cret!").digest("hex").slice(0, 12),
    );
  });
});
