import { describe, expect, it } from "vitest";
import { isAppError } from "../errors";
import { realType } from "@/test/real-catalog";
import { assertPolicies, checkPolicies, grantedPolicies, leastPrivileged } from "./policies";

const postgresql = realType("postgresql");

describe("policy choice", () => {
  it("accepts offered ids and the empty choice", () => {
    expect(checkPolicies(postgresql, ["read-write"])).toBeNull();
    expect(checkPolicies(postgresql, [])).toBeNull();
  });

  it("refuses an unknown id with a message naming the allowed ones", () => {
    const problem = checkPolicies(postgresql, ["read-only", "superuser"]);
    expect(problem).toMatchObject({
      rule: "unknown-policy",
      policies: ["superuser"],
      allowed: ["read-only", "read-write", "admin"],
    });
    expect(problem!.message).toBe(
      'policy "superuser" not offered by postgresql (allowed: read-only, read-write, admin)',
    );
  });

  it("refuses any choice on a type without policies", () => {
    expect(checkPolicies(realType("http-endpoint"), ["read"])?.rule).toBe("no-policies");
  });

  it("throws a BAD_REQUEST AppError on write paths", () => {
    try {
      assertPolicies(postgresql, ["write"]);
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe("BAD_REQUEST");
      expect((error as Error).message).toContain("allowed: read-only, read-write, admin");
    }
  });

  it("defaults to the first (least privileged) policy and never adds unknown ones", () => {
    expect(grantedPolicies(postgresql.policies, []).map((p) => p.id)).toEqual(["read-only"]);
    expect(grantedPolicies(postgresql.policies, ["admin", "bogus"]).map((p) => p.id)).toEqual([
      "admin",
    ]);
    expect(leastPrivileged(postgresql.policies)).toEqual(["read-only"]);
    expect(leastPrivileged([])).toEqual([]);
  });
});
