import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../env";
import { checkProxyEntry, normalizeAddress, TrustedProxies } from "./trusted-proxies";

describe("trusted proxies", () => {
  it("checks each entry of PATCHBAY_TRUSTED_PROXIES, naming the variable", () => {
    expect(parseEnv({}).PATCHBAY_TRUSTED_PROXIES).toEqual([]);
    expect(
      parseEnv({ PATCHBAY_TRUSTED_PROXIES: "10.0.0.1, 10.1.0.0/16 ::1,fd00::/8" })
        .PATCHBAY_TRUSTED_PROXIES,
    ).toEqual(["10.0.0.1", "10.1.0.0/16", "::1", "fd00::/8"]);
    expect(() => parseEnv({ PATCHBAY_TRUSTED_PROXIES: "10.0.0.1,proxy.internal" })).toThrow(
      EnvError,
    );
    expect(() => parseEnv({ PATCHBAY_TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(
      /PATCHBAY_TRUSTED_PROXIES: "10.0.0.0\/33": prefix must be 0–32/,
    );
    expect(checkProxyEntry("::1/129")).toMatch(/prefix must be 0–128/);
    expect(checkProxyEntry("1.2.3.4/8/9")).toMatch(/not an IP address/);
  });

  it("trusts nobody by default: the socket's address is the client", () => {
    const none = new TrustedProxies([]);
    expect(none.clientAddress("::ffff:127.0.0.1", "203.0.113.7")).toBe("127.0.0.1");
    expect(none.clientAddress(undefined, "203.0.113.7")).toBeUndefined();
  });

  it("walks X-Forwarded-For from the right past trusted hops only", () => {
    const t = new TrustedProxies(["10.0.0.0/8", "2001:db8::/32"]);
    expect(t.clientAddress("10.0.0.2", "203.0.113.7")).toBe("203.0.113.7");
    expect(t.clientAddress("10.0.0.2", "1.1.1.1, 203.0.113.7, 10.0.0.9")).toBe("203.0.113.7");
    expect(t.clientAddress("10.0.0.2", "10.0.0.5, 10.0.0.9")).toBe("10.0.0.5");
    expect(t.clientAddress("2001:db8::1", "[2001:db9::5]")).toBe("2001:db9::5");
    expect(t.clientAddress("192.0.2.1", "203.0.113.7")).toBe("192.0.2.1");
    expect(t.clientAddress("10.0.0.2", "203.0.113.7, garbage")).toBe("10.0.0.2");
    expect(normalizeAddress("::FFFF:10.0.0.1")).toBe("10.0.0.1");
  });
});
