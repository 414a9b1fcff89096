import { describe, expect, it } from "vitest";
import { ABSENT, changeRows, flatten, formatValue } from "./change-rows";
import { formatUtc, parseUtcInput, relativeTime, targetLabel } from "./format";

const secret = { redacted: true, fingerprint: "sha256:0123456789ab" };

describe("changeRows", () => {
  it("lists only changed leaves as dotted paths", () => {
    const rows = changeRows(
      { name: "api", description: "old", tags: { team: "a", tier: "1" } },
      { name: "api", description: "new", tags: { team: "b", tier: "1" } },
    );
    expect(rows).toEqual([
      { path: "description", before: "old", after: "new" },
      { path: "tags.team", before: "a", after: "b" },
    ]);
  });

  it("lists a promotion's changes one row each, not as a JSON blob", () => {
    const rows = changeRows(null, {
      message: "ship it",
      from: "staging",
      changes: [
        { component: "orders-db", what: "param instance_class", before: "a", after: "b" },
        { component: "api", what: "policies", before: ["read-only"], after: ["read-write"] },
      ],
    });
    expect(rows).toEqual([
      { path: "message", before: ABSENT, after: "ship it" },
      { path: "from", before: ABSENT, after: "staging" },
      { path: "orders-db · param instance_class", before: "a", after: "b" },
      { path: "api · policies", before: ["read-only"], after: ["read-write"] },
    ]);
  });

  it("marks a side absent on create and delete", () => {
    expect(changeRows(null, { slug: "qa" })).toEqual([
      { path: "slug", before: ABSENT, after: "qa" },
    ]);
    expect(changeRows({ slug: "qa" }, null)).toEqual([
      { path: "slug", before: "qa", after: ABSENT },
    ]);
  });

  it("treats arrays and redacted secrets as leaves", () => {
    const flat = flatten({ envs: ["a", "b"], db: { password: secret } });
    expect([...flat.keys()]).toEqual(["envs", "db.password"]);
    expect(changeRows({ db: { password: secret } }, { db: { password: secret } })).toEqual([]);
  });

  it("keeps primitive snapshots under one row", () => {
    expect(changeRows(1, 2)).toEqual([{ path: "(value)", before: 1, after: 2 }]);
  });
});

describe("formatValue", () => {
  it("masks redacted values and never shows anything but the short fingerprint", () => {
    expect(formatValue(secret)).toBe("•••• sha256:01234567…");
    expect(formatValue([secret])).toBe('["•••• sha256:01234567…"]');
  });

  it("renders absent, null, empty and structured values distinctly", () => {
    expect(formatValue(ABSENT)).toBe("—");
    expect(formatValue(null)).toBe("null");
    expect(formatValue("")).toBe('""');
    expect(formatValue(["staging", "production"])).toBe('["staging","production"]');
    expect(formatValue(false)).toBe("false");
  });
});

describe("format", () => {
  it("shows UTC time and relative age", () => {
    const at = new Date("2025-03-01T14:05:09.123Z");
    expect(formatUtc(at)).toBe("2025-03-01 14:05:09 UTC");
    expect(relativeTime(at, new Date("2025-03-01T14:05:12Z"))).toBe("just now");
    expect(relativeTime(at, new Date("2025-03-01T14:10:30Z"))).toBe("5 min ago");
    expect(relativeTime(at, new Date("2025-03-03T15:00:00Z"))).toBe("2 d ago");
  });

  it("reads datetime-local values as UTC", () => {
    expect(parseUtcInput("2025-03-01T14:05")?.toISOString()).toBe("2025-03-01T14:05:00.000Z");
    expect(parseUtcInput("")).toBeUndefined();
  });

  it("names targets by slug or name when it can", () => {
    expect(
      targetLabel({
        targetType: "environment",
        targetId: "x",
        before: null,
        after: { slug: "qa" },
      }),
    ).toBe("environment qa");
    expect(
      targetLabel({ targetType: "user", targetId: "abcdefghijkl", before: null, after: null }),
    ).toBe("user abcdefghij");
  });
});
