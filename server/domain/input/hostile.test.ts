import { describe, expect, it } from "vitest";
import { findHostileInput, MAX_DEPTH, MAX_STRING } from "./hostile";

function nested(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe("findHostileInput", () => {
  it("accepts ordinary input", () => {
    expect(
      findHostileInput({
        projectId: "abc",
        ops: [{ op: "x", params: { a: [1, 2, { b: "ü 😀" }] } }],
      }),
    ).toBeNull();
    expect(findHostileInput(undefined)).toBeNull();
    expect(findHostileInput(nested(MAX_DEPTH - 1))).toBeNull();
  });
  it("refuses NUL bytes in values and keys, naming the field", () => {
    expect(findHostileInput({ name: "a\u0000b" })).toEqual({
      path: "name",
      rule: "must not contain NUL characters",
    });
    expect(findHostileInput({ params: { "k\u0000": 1 } })?.path).toBe("params.(key)");
  });
  it("refuses lone surrogates but accepts pairs", () => {
    expect(findHostileInput({ s: "\uD83D" })?.rule).toMatch(/lone surrogate/);
    expect(findHostileInput({ s: "x\uDE00y" })?.rule).toMatch(/lone surrogate/);
    expect(findHostileInput({ s: "\uD83D\uDE00" })).toBeNull();
  });
  it("refuses deep nesting, prototype keys, huge strings and arrays", () => {
    expect(findHostileInput({ v: nested(100) })?.rule).toMatch(/nested at most/);
    expect(findHostileInput(JSON.parse('{"params":{"__proto__":{"admin":true}}}'))).toEqual({
      path: "params.__proto__",
      rule: '"__proto__" is not an accepted key',
    });
    expect(findHostileInput({ a: { constructor: 1 } })?.path).toBe("a.constructor");
    expect(findHostileInput({ s: "x".repeat(MAX_STRING + 1) })?.rule).toMatch(
      /at most 65,536 characters/,
    );
    expect(findHostileInput({ list: new Array(6000).fill(0) })?.rule).toMatch(
      /at most 5,000 items/,
    );
    expect(findHostileInput({ n: Number.NaN })?.rule).toBe("must be a number");
  });
});

describe("findHostileInput on large honest input", () => {
  it("accepts 2,000 diagram ops with instances in two environments", () => {
    const params = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`p${i}`, i]));
    const ops = Array.from({ length: 2000 }, (_, i) => ({
      op: "addComponent",
      component: {
        id: `cmp-${i}-abcdefgh`,
        name: `c${i}`,
        bundle: "aws-sqs-queue",
        version: "1.0.0",
        x: i,
        y: i,
      },
      instances: {
        staging: { params, preset: "Development" },
        production: { params, preset: "Production" },
      },
    }));
    expect(findHostileInput({ projectId: "p", baseRevision: 1, ops })).toBeNull();
  });
});
