import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { secureCookie, sessionToken } from "./session-token";

const secret = "a-test-secret-that-is-long-enough-0123456789";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

const seal = (claims: Record<string, unknown>, salt = PLAIN, maxAge = 3600) =>
  encode({ token: claims, secret, salt, maxAge });

const request = (headers: Record<string, string>) => new Headers(headers);

describe("sessionToken", () => {
  it("decodes the session cookie, and the same text again to the same claims", async () => {
    const token = await seal({ uid: "u1", sid: "s1" });
    const headers = request({
      cookie: `authjs.csrf-token=x; ${PLAIN}=${token}`,
      "x-forwarded-proto": "http",
    });
    const first = await sessionToken(headers, { secret });
    expect(first).toMatchObject({ uid: "u1", sid: "s1" });
    expect(await sessionToken(headers, { secret })).toBe(first);
  });

  it("reads nothing from a tampered token, another secret's, an expired one, or a Bearer header", async () => {
    const token = await seal({ uid: "u1", sid: "s1" });
    const tampered = `${token.slice(0, -4)}AAAA`;
    const expired = await seal({ uid: "u1", sid: "s1" }, PLAIN, -60);
    const http = { "x-forwarded-proto": "http" };
    for (const cookie of [`${PLAIN}=${tampered}`, `${PLAIN}=${expired}`])
      expect(await sessionToken(request({ ...http, cookie }), { secret })).toBeNull();
    const otherSecret = { secret: "another-secret-that-is-long-enough-9876543210" };
    expect(
      await sessionToken(request({ ...http, cookie: `${PLAIN}=${token}` }), otherSecret),
    ).toBeNull();
    expect(
      await sessionToken(request({ ...http, authorization: `Bearer ${token}` }), { secret }),
    ).toBeNull();
  });

  it("reads the __Secure- cookie only where Auth.js names it so", async () => {
    const plain = await seal({ uid: "u1", sid: "plain" });
    const secure = await seal({ uid: "u1", sid: "secure" }, SECURE);
    const cookie = `${PLAIN}=${plain}; ${SECURE}=${secure}`;
    const https = request({ cookie, "x-forwarded-proto": "https" });
    const http = request({ cookie, "x-forwarded-proto": "http" });
    expect((await sessionToken(https, { secret }))?.sid).toBe("secure");
    expect((await sessionToken(http, { secret }))?.sid).toBe("plain");
    const configured = { secret, publicUrl: "https://patchbay.example" };
    expect((await sessionToken(http, configured))?.sid).toBe("secure");
  });
});

describe("secureCookie", () => {
  it("follows the public URL, else the forwarded protocol, else https", () => {
    expect(secureCookie(request({}), "http://localhost:3000")).toBe(false);
    expect(secureCookie(request({ "x-forwarded-proto": "http" }), "https://p.example")).toBe(true);
    expect(secureCookie(request({ "x-forwarded-proto": "http" }))).toBe(false);
    expect(secureCookie(request({ "x-forwarded-proto": "https" }))).toBe(true);
    expect(secureCookie(request({}))).toBe(true);
  });
});
