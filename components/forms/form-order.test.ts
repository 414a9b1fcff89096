import { describe, expect, it } from "vitest";
import { inFormOrder } from "./form-order";

const byPath = (paths: string[], ui: Record<string, unknown>) => inFormOrder(paths, (p) => p, ui);

describe("inFormOrder", () => {
  it("follows ui:order at the top level and inside nested objects", () => {
    const ui = {
      "ui:order": ["engine", "storage", "backup"],
      storage: { "ui:order": ["size", "type"] },
    };
    expect(byPath(["backup.days", "storage.type", "engine", "storage.size"], ui)).toEqual([
      "engine",
      "storage.size",
      "storage.type",
      "backup.days",
    ]);
  });

  it("puts unlisted keys where * is, else last, keeping their own order", () => {
    expect(byPath(["z", "b", "a"], { "ui:order": ["a", "*"] })).toEqual(["a", "z", "b"]);
    expect(byPath(["z", "b", "a"], { "ui:order": ["*", "a"] })).toEqual(["z", "b", "a"]);
    expect(byPath(["z", "b", "a"], { "ui:order": ["b"] })).toEqual(["b", "z", "a"]);
  });

  it("keeps the given order without a ui:order", () => {
    expect(byPath(["c", "a.x", "b"], {})).toEqual(["c", "a.x", "b"]);
  });
});
