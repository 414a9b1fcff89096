import { describe, expect, it } from "vitest";
import { EXIT, exitKindOf } from "./exit-codes";

describe("exit codes", () => {
  it("maps each server refusal to the code a pipeline expects", () => {
    const cases: [string | undefined, string | undefined, number][] = [
      ["BAD_REQUEST", undefined, 2],
      ["NOT_FOUND", undefined, 2],
      ["BAD_REQUEST", "preset", 3],
      ["UNAUTHORIZED", undefined, 3],
      ["FORBIDDEN", undefined, 3],
      ["PRECONDITION_FAILED", undefined, 3],
      ["CONFLICT", undefined, 4],
      ["INTERNAL_SERVER_ERROR", undefined, 1],
      [undefined, undefined, 1],
    ];
    for (const [code, guardrail, exit] of cases)
      expect([code, guardrail, EXIT[exitKindOf(code, guardrail)]]).toEqual([code, guardrail, exit]);
  });

  it("keeps the documented numbers", () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, refused: 3, conflict: 4 });
  });
});
