import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import {
  ACTIVE_STATUSES,
  isActive,
  isTerminal,
  nextStatus,
  type RunEvent,
  type RunKind,
  type RunStatus,
  TERMINAL_STATUSES,
  transition,
} from "./status";

const EVENTS: RunEvent[] = ["start", "succeed", "fail", "abort"];

describe("run status", () => {
  it("walks queued → running → succeeded for an apply and → planned for a plan", () => {
    let apply: RunStatus = "queued";
    apply = nextStatus({ kind: "apply", status: apply }, "start");
    expect(apply).toBe("running");
    expect(nextStatus({ kind: "apply", status: apply }, "succeed")).toBe("succeeded");
    expect(nextStatus({ kind: "destroy", status: "running" }, "succeed")).toBe("succeeded");
    expect(nextStatus({ kind: "plan", status: "running" }, "succeed")).toBe("planned");
  });

  it("fails or aborts from queued and running", () => {
    for (const status of ACTIVE_STATUSES) {
      expect(nextStatus({ kind: "apply", status }, "fail")).toBe("failed");
      expect(nextStatus({ kind: "plan", status }, "abort")).toBe("aborted");
    }
  });

  it("never changes a finished run, naming the rule", () => {
    for (const status of TERMINAL_STATUSES)
      for (const event of EVENTS) {
        const result = transition({ kind: "apply", status }, event);
        expect(result).toEqual({
          error: { rule: "terminal", message: expect.stringContaining(`A ${status} apply run`) },
        });
      }
  });

  it("refuses to start twice or to succeed before starting", () => {
    expect(transition({ kind: "apply", status: "running" }, "start")).toMatchObject({
      error: { rule: "already-running" },
    });
    expect(transition({ kind: "plan", status: "queued" }, "succeed")).toMatchObject({
      error: { rule: "not-started" },
    });
    try {
      nextStatus({ kind: "apply", status: "succeeded" }, "start");
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("CONFLICT");
      expect(isAppError(error) && error.details.rule).toBe("terminal");
    }
  });

  it("partitions statuses into active and terminal", () => {
    const all: RunStatus[] = ["queued", "running", "planned", "succeeded", "failed", "aborted"];
    for (const status of all) expect(isActive(status)).toBe(!isTerminal(status));
    const kinds: RunKind[] = ["plan", "apply", "destroy"];
    for (const kind of kinds)
      expect(transition({ kind, status: "queued" }, "start")).toEqual({
        status: "running",
      });
  });
});
