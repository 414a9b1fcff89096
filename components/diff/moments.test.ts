import { describe, expect, it } from "vitest";
import {
  defaultFromPosition,
  describePosition,
  momentAt,
  momentLabel,
  positionOf,
} from "./moments";

const since = "2026-11-21T10:00:00.000Z";
const moments = [
  { at: "2026-11-21T10:05:09.000Z", action: "component.added", actor: "ops@acme.test" },
  { at: "2026-11-21T10:20:00.000Z", action: "instance.configured", actor: null },
  { at: "2026-11-21T10:42:13.000Z", action: null, actor: "dev@acme.test" },
];

describe("time slider moments", () => {
  it("opens From right before the latest change, or at the window's start", () => {
    expect(defaultFromPosition(3)).toBe(2);
    expect(defaultFromPosition(1)).toBe(0);
    expect(defaultFromPosition(0)).toBe(0);
  });

  it("maps positions to moments and back", () => {
    expect(momentAt(moments, 0, since)).toBe(since);
    expect(momentAt(moments, 2, since)).toBe(moments[1]!.at);
    expect(positionOf(moments, since)).toBe(0);
    expect(positionOf(moments, moments[1]!.at)).toBe(2);
    expect(positionOf(moments, "2026-11-21T11:00:00.000Z")).toBe(3);
  });

  it("labels each moment with its time, action and actor", () => {
    expect(momentLabel(moments[0]!)).toBe("10:05:09 · component added · ops@acme.test");
    expect(momentLabel(moments[1]!)).toBe("10:20:00 · instance configured");
    expect(momentLabel(moments[2]!)).toBe("10:42:13 · a change · dev@acme.test");
  });

  it("speaks a position as its time and what happened", () => {
    expect(describePosition(moments, 0, since)).toBe(
      "2026-11-21 10:00:00 UTC, start of the window",
    );
    expect(describePosition(moments, 1, since)).toBe(
      "2026-11-21 10:05:09 UTC, after component.added by ops@acme.test",
    );
  });
});
