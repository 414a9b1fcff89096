import { describe, expect, it } from "vitest";
import { compareSegments, formatPath } from "./paths";

describe("formatPath", () => {
  it("dots keys, brackets indices, quotes keys that would not read back", () => {
    expect(formatPath(["storage", "allocated_gb"])).toBe("storage.allocated_gb");
    expect(formatPath(["tags", 2])).toBe("tags[2]");
    expect(formatPath(["rules", 0, "ports", 1])).toBe("rules[0].ports[1]");
    expect(formatPath(["labels", "app.kubernetes.io/name"])).toBe(
      'labels["app.kubernetes.io/name"]',
    );
    expect(formatPath(["sizes", "2xl", "log-level"])).toBe('sizes["2xl"].log-level');
    expect(formatPath([])).toBe("");
  });
});

describe("compareSegments", () => {
  it("orders indices numerically, keys by code unit, parents before children", () => {
    const paths = [["tags", 10], ["tags", 2], ["b"], ["a", "z"], ["a"], ["B"], ["tags", "x"]];
    expect([...paths].sort(compareSegments)).toEqual([
      ["B"],
      ["a"],
      ["a", "z"],
      ["b"],
      ["tags", 2],
      ["tags", 10],
      ["tags", "x"],
    ]);
  });
});
