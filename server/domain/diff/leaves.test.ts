import { describe, expect, it } from "vitest";
import { canonical, walkLeaves, type RawChange } from "./leaves";

function walk(left: unknown, right: unknown) {
  const out: RawChange[] = [];
  walkLeaves(0, left, right, out);
  return out.map(({ segments, status, left, right }) => ({ segments, status, left, right }));
}

describe("walkLeaves", () => {
  it("reports nothing for equal values, whatever their key order", () => {
    expect(
      walk({ a: 1, b: { c: [1, { d: null }] } }, { b: { c: [1, { d: null }] }, a: 1 }),
    ).toEqual([]);
  });

  it("reports changed, added and removed leaves with their segments, in walk order", () => {
    expect(walk({ a: 1, b: { c: "x" }, gone: true }, { a: 2, b: { c: "x", d: false } })).toEqual([
      { segments: ["a"], status: "changed", left: 1, right: 2 },
      { segments: ["b", "d"], status: "added", left: undefined, right: false },
      { segments: ["gone"], status: "removed", left: true, right: undefined },
    ]);
  });

  it("compares arrays index by index, like microdiff", () => {
    expect(walk({ tags: ["a", "b"] }, { tags: ["x", "a", "b"] })).toEqual([
      { segments: ["tags", 0], status: "changed", left: "a", right: "x" },
      { segments: ["tags", 1], status: "changed", left: "b", right: "a" },
      { segments: ["tags", 2], status: "added", left: undefined, right: "b" },
    ]);
  });

  it("treats undefined as absent on that side", () => {
    expect(walk({ a: undefined, b: 1 }, { b: 1 })).toEqual([]);
    expect(walk({ a: 1 }, { a: undefined })).toEqual([
      { segments: ["a"], status: "removed", left: 1, right: undefined },
    ]);
    expect(walk({ list: [1, undefined] }, { list: [1] })).toEqual([]);
  });

  it("keeps null as a value", () => {
    expect(walk({ a: null }, { a: 0 })).toEqual([
      { segments: ["a"], status: "changed", left: null, right: 0 },
    ]);
    expect(walk({}, { a: null })).toEqual([
      { segments: ["a"], status: "added", left: undefined, right: null },
    ]);
  });

  it("reports a subtree on one side leaf by leaf, and an empty container as a leaf", () => {
    expect(walk({}, { db: { host: "h", ports: [1, 2] }, extra: {}, list: [] })).toEqual([
      { segments: ["db", "host"], status: "added", left: undefined, right: "h" },
      { segments: ["db", "ports", 0], status: "added", left: undefined, right: 1 },
      { segments: ["db", "ports", 1], status: "added", left: undefined, right: 2 },
      { segments: ["extra"], status: "added", left: undefined, right: {} },
      { segments: ["list"], status: "added", left: undefined, right: [] },
    ]);
  });

  it("reports a change of shape once, at the container, with both whole values", () => {
    expect(walk({ a: { y: 1, x: 2 } }, { a: 5 })).toEqual([
      { segments: ["a"], status: "changed", left: { x: 2, y: 1 }, right: 5 },
    ]);
    expect(walk({ a: [1] }, { a: { 0: 1 } })).toEqual([
      { segments: ["a"], status: "changed", left: [1], right: { 0: 1 } },
    ]);
  });

  it("does not mistake inherited properties for keys", () => {
    expect(walk({ constructor: 1, toString: "x" }, {})).toEqual([
      { segments: ["constructor"], status: "removed", left: 1, right: undefined },
      { segments: ["toString"], status: "removed", left: "x", right: undefined },
    ]);
    expect(walk({}, { constructor: 1 })).toEqual([
      { segments: ["constructor"], status: "added", left: undefined, right: 1 },
    ]);
  });
});

describe("canonical", () => {
  it("sorts keys deeply and drops undefined", () => {
    expect(JSON.stringify(canonical({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }))).toBe(
      '{"a":{"d":[{"y":2,"z":1}]},"b":1}',
    );
  });
});
