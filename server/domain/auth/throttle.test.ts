import { describe, expect, it } from "vitest";
import {
  afterSuccess,
  decideAttempt,
  describeWait,
  EMPTY_STATE,
  parseThrottledCode,
  POLICIES,
  throttledCode,
  throttledMessage,
  type ThrottleState,
} from "./throttle";

const account = POLICIES.account;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

function run(state: ThrottleState, attempts: number, now: Date) {
  const decisions = [];
  for (let i = 0; i < attempts; i++) {
    const d = decideAttempt(state, now, account);
    decisions.push(d);
    state = d.next;
  }
  return { state, decisions };
}

describe("sign-in throttle", () => {
  it("allows `limit` failures, then the next attempt starts a lockout (once) and later ones wait", () => {
    const { decisions } = run(EMPTY_STATE, 8, at(0));
    expect(decisions.slice(0, 5).map((d) => d.kind)).toEqual(Array(5).fill("allowed"));
    expect(decisions[5]).toMatchObject({ kind: "locked", started: true, until: at(60_000) });
    expect(decisions.slice(6).map((d) => [d.kind, d.kind === "locked" && d.started])).toEqual([
      ["locked", false],
      ["locked", false],
    ]);
  });

  it("doubles each lockout in a row, up to an hour", () => {
    let state = EMPTY_STATE;
    let now = 0;
    const lengths: number[] = [];
    for (let round = 0; round < 8; round++) {
      const r = run(state, 6, at(now));
      const lock = r.decisions[5]!;
      if (lock.kind !== "locked") throw new Error("expected a lockout");
      lengths.push((lock.until.getTime() - at(now).getTime()) / 60_000);
      state = r.state;
      now = lock.until.getTime() - at(0).getTime();
    }
    expect(lengths).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it("forgets failures after a quiet window and lockouts a day after the last one", () => {
    const four = run(EMPTY_STATE, 4, at(0)).state;
    expect(decideAttempt(four, at(16 * 60_000), account).next.failures).toBe(1);
    const locked = run(EMPTY_STATE, 6, at(0)).state;
    const later = run(locked, 6, at(25 * 60 * 60_000)).decisions[5]!;
    expect(later.kind === "locked" && later.until.getTime() - at(25 * 60 * 60_000).getTime()).toBe(
      60_000,
    );
  });

  it("a success clears the account, but gives the address back only its own attempt", () => {
    const state = run(EMPTY_STATE, 3, at(0)).state;
    expect(afterSuccess(state, "account")).toEqual(EMPTY_STATE);
    expect(afterSuccess(state, "address").failures).toBe(2);
  });

  it("says how long to wait, in whole minutes", () => {
    expect(describeWait(1)).toBe("1 minute");
    expect(describeWait(60)).toBe("1 minute");
    expect(describeWait(61)).toBe("2 minutes");
    expect(throttledMessage("account", 240)).toBe(
      "Too many failed sign-ins for this account; try again in 4 minutes",
    );
    expect(throttledMessage("address", 30)).toBe(
      "Too many failed sign-ins from this address; try again in 1 minute",
    );
  });

  it("round-trips the code the form receives, and rejects anything else", () => {
    expect(parseThrottledCode(throttledCode("account", 239.2))).toEqual({
      scope: "account",
      retryAfterSeconds: 240,
    });
    for (const bad of [
      "credentials",
      "throttled:account:",
      "throttled:other:5",
      "throttled:account:1e9",
      5,
      null,
    ])
      expect(parseThrottledCode(bad)).toBeNull();
  });
});
