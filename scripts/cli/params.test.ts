import { describe, expect, it } from "vitest";
import { merge, parseAssignment, setAt } from "./params";

describe("params from the command line", () => {
  it("reads values as YAML so types survive, and quoted ones stay strings", () => {
    expect(parseAssignment("size=3")).toEqual(["size", 3]);
    expect(parseAssignment("multi_az=true")).toEqual(["multi_az", true]);
    expect(parseAssignment('size="3"')).toEqual(["size", "3"]);
    expect(parseAssignment("tags=[a, b]")).toEqual(["tags", ["a", "b"]]);
    expect(parseAssignment("url=postgres://h:5432/db?x=1")).toEqual([
      "url",
      "postgres://h:5432/db?x=1",
    ]);
    expect(parseAssignment("empty=")).toEqual(["empty", ""]);
  });

  it("refuses an assignment without a path, naming the flag", () => {
    expect(() => parseAssignment("=3")).toThrow(/--set: "=3" must be path=value/);
    expect(() => parseAssignment("size")).toThrow(/--set/);
  });

  it("sets dotted paths without touching siblings, and merges mappings deeply", () => {
    const params = { storage: { size: 10, type: "gp3" }, tags: ["a"] };
    expect(setAt(params, "storage.size", 20)).toEqual({
      storage: { size: 20, type: "gp3" },
      tags: ["a"],
    });
    expect(params.storage.size).toBe(10);
    expect(merge(params, { storage: { type: "io2" }, tags: ["b"] })).toEqual({
      storage: { size: 10, type: "io2" },
      tags: ["b"],
    });
  });
});
