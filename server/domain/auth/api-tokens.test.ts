import { describe, expect, it } from "vitest";
import type { AppError } from "../errors";
import {
  checkTokenRole,
  looksLikeToken,
  shouldTouch,
  tokenExpiry,
  tokenRefusal,
} from "./api-tokens";

const now = new Date("2026-12-03T12:00:00Z");

describe("API token rules", () => {
  it("recognises the token format and nothing else", () => {
    expect(looksLikeToken(`pbt_${"A".repeat(43)}`)).toBe(true);
    expect(looksLikeToken(`pbt_${"A".repeat(42)}`)).toBe(false);
    expect(looksLikeToken(`xyz_${"A".repeat(43)}`)).toBe(false);
    expect(looksLikeToken(`pbt_${"A".repeat(42)}=`)).toBe(false);
  });

  it("never lets a token carry more than its creator's role, naming the field", () => {
    expect(() => checkTokenRole("ops", "ops")).not.toThrow();
    expect(() => checkTokenRole("owner", "viewer")).not.toThrow();
    const error = (() => {
      try {
        checkTokenRole("ops", "owner");
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(error?.code).toBe("FORBIDDEN");
    expect(error?.message).toMatch(/^role: .*above your own role \(ops\)/);
    expect(error?.details.fields?.role).toBeDefined();
  });

  it("bounds the expiry to 1–365 whole days", () => {
    expect(tokenExpiry(now, 1).toISOString()).toBe("2026-12-04T12:00:00.000Z");
    expect(tokenExpiry(now, 365).getTime()).toBe(now.getTime() + 365 * 86_400_000);
    for (const days of [0, 366, 1.5, -1, Number.NaN])
      expect(() => tokenExpiry(now, days)).toThrow(/^expiresInDays: /);
  });

  it("refuses revoked, expired and expiry-less tokens, saying why", () => {
    const later = new Date(now.getTime() + 1000);
    expect(tokenRefusal({ revokedAt: null, expiresAt: later }, now)).toBeNull();
    expect(tokenRefusal({ revokedAt: now, expiresAt: later }, now)).toBe("token revoked");
    expect(tokenRefusal({ revokedAt: null, expiresAt: now }, now)).toBe("token expired");
    expect(tokenRefusal({ revokedAt: null, expiresAt: null }, now)).toBe("token expired");
  });

  it("writes last use at most once a minute", () => {
    expect(shouldTouch(null, now)).toBe(true);
    expect(shouldTouch(new Date(now.getTime() - 59_000), now)).toBe(false);
    expect(shouldTouch(new Date(now.getTime() - 60_000), now)).toBe(true);
  });
});
