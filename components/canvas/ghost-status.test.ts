import { describe, expect, it } from "vitest";
import { ghostStatus } from "./ghost-status";

const now = new Date("2026-12-04T12:00:00Z");
const at = new Date("2026-12-04T09:00:00Z");

describe("ghostStatus", () => {
  it("says whether the artifact exists and when it last changed, not the owner's draft status", () => {
    expect(ghostStatus({ state: "produced", updatedAt: at, ownerStatus: "draft" }, now)).toEqual({
      text: "deployed · updated 3 h ago",
      ok: true,
    });
    expect(ghostStatus({ state: "imported", updatedAt: at, ownerStatus: null }, now).text).toBe(
      "imported · updated 3 h ago",
    );
    expect(
      ghostStatus({ state: "not-produced", updatedAt: null, ownerStatus: "draft" }, now),
    ).toEqual({ text: "not deployed yet: deployments here are blocked", ok: false });
    expect(ghostStatus({ state: "missing", updatedAt: null, ownerStatus: null }, now).ok).toBe(
      false,
    );
  });
});
