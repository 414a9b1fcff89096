import { describe, expect, it } from "vitest";
import { cronProblem, isDriftCheckDue } from "./cron-schedule";

const at = (iso: string) => new Date(`2026-12-04T${iso}Z`);

describe("drift schedule", () => {
  it("is due when the cron fires after the last tick and not later than now", () => {
    expect(isDriftCheckDue("0 * * * *", at("09:59:00"), at("10:00:00"))).toBe(true);
    expect(isDriftCheckDue("0 * * * *", at("10:00:00"), at("10:01:00"))).toBe(false);
    expect(isDriftCheckDue("*/15 * * * *", at("10:01:00"), at("10:14:59"))).toBe(false);
  });

  it("checks once after a gap, whatever the number of missed times", () => {
    expect(isDriftCheckDue("* * * * *", at("08:00:00"), at("10:00:30"))).toBe(true);
  });

  it("without a tick yet, counts only the current minute", () => {
    expect(isDriftCheckDue("0 * * * *", null, at("10:00:20"))).toBe(true);
    expect(isDriftCheckDue("0 * * * *", null, at("10:30:00"))).toBe(false);
  });

  it("names the rule a bad expression breaks", () => {
    expect(cronProblem("0 * * * *")).toBeNull();
    expect(cronProblem("hourly")).toMatch(/5 fields/);
    expect(cronProblem("0 0 * * * *")).toMatch(/5 fields/);
    expect(cronProblem("61 * * * *")).toMatch(/valid cron/);
    expect(isDriftCheckDue("61 * * * *", null, at("10:00:00"))).toBe(false);
  });
});
