import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical";
import { fingerprint, redactForAudit } from "./redact";

describe("canonical JSON", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ at: new Date("2026-01-01T00:00:00Z") })).toBe('{"at":"2026-01-01T00:00:00.000Z"}');
  });
});

describe("audit redaction", () => {
  it("replaces credentials with a fingerprint at any depth and keeps everything else", () => {
    const out = redactForAudit({ name: "db", password: "s3cret!", nested: { apiKey: "abc", token: "t", list: [{ secret: "x" }] } });
    expect(JSON.stringify(out)).not.toMatch(/s3cret!|"abc"|"t"|"x"/);
    expect(out).toEqual({
      name: "db",
      password: { redacted: true, fingerprint: fingerprint("s3cret!") },
      nested: {
        apiKey: { redacted: true, fingerprint: fingerprint("abc") },
        token: { redacted: true, fingerprint: fingerprint("t") },
        list: [{ secret: { redacted: true, fingerprint: fingerprint("x") } }],
      },
    });
    expect(fingerprint("s3cret!")).toMatch(/^sha256:[0-9a-f]{12}$/);
  });
});
