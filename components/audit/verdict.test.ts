import { describe, expect, it } from "vitest";
import { describeVerdict } from "./verdict";

describe("verify verdict wording", () => {
  it("says which part of the chain is keyed", () => {
    expect(describeVerdict({ ok: true, checked: 9, headSeq: 9, keyedFrom: 1 })).toBe(
      "Chain intact — 9 events verified (all keyed)",
    );
    expect(describeVerdict({ ok: true, checked: 9, headSeq: 9, keyedFrom: 4 })).toBe(
      "Chain intact — 9 events verified (#1–#3 plain SHA-256 (written before keyed hashing), #4–#9 keyed)",
    );
    expect(describeVerdict({ ok: true, checked: 2, headSeq: 2, keyedFrom: null })).toBe(
      "Chain intact — 2 events verified (none keyed: plain SHA-256, written before keyed hashing)",
    );
  });

  it("puts the checkpoint first, then the chain", () => {
    const broken = {
      ok: false,
      checked: 3,
      headSeq: 5,
      keyedFrom: 1,
      firstBad: { seq: 4, reason: "event #4 was altered" },
    };
    expect(describeVerdict(broken)).toBe("Chain broken at event #4: event #4 was altered");
    expect(
      describeVerdict({
        ok: false,
        checked: 5,
        headSeq: 5,
        keyedFrom: 1,
        checkpoint: { ok: false, reason: "the chain was cut back" },
      }),
    ).toBe(
      "Checkpoint check failed: the chain was cut back. Chain intact — 5 events verified (all keyed)",
    );
    expect(
      describeVerdict({
        ok: true,
        checked: 5,
        headSeq: 5,
        keyedFrom: 1,
        checkpoint: { ok: true, reason: "event #4 still matches" },
      }),
    ).toBe(
      "Checkpoint holds: event #4 still matches. Chain intact — 5 events verified (all keyed)",
    );
  });
});
