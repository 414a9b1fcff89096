// The custom server's front door over real HTTP: who the client is (X-Forwarded-For only from
// trusted proxies), whether the connection counts as HTTPS, security headers, and the
// same-origin rule for writes. A real node:http server on loopback, the same code as start.ts.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, frontDoor } from "./front-door";
import { TrustedProxies } from "./trusted-proxies";

async function serve(trusted: TrustedProxies): Promise<{ server: Server; url: string }> {
  // Answers with the headers Next would have received.
  const server = createServer((req, res) => {
    if (!frontDoor(req, res, trusted)) return;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(req.headers satisfies IncomingHttpHeaders));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe("front door", () => {
  let direct: { server: Server; url: string };
  let proxied: { server: Server; url: string };
  beforeAll(async () => {
    direct = await serve(new TrustedProxies([]));
    proxied = await serve(new TrustedProxies(["127.0.0.0/8", "10.9.0.0/16"]));
  });
  afterAll(() => {
    direct.server.close();
    proxied.server.close();
  });

  const seen = async (url: string, headers: Record<string, string> = {}) =>
    (await (await fetch(url, { headers })).json()) as Record<string, string>;

  it("ignores a client's own X-Forwarded-For, X-Real-IP, X-Forwarded-Proto/Host and our internal header", async () => {
    const headers = await seen(direct.url, {
      "x-forwarded-for": "203.0.113.7",
      "x-real-ip": "203.0.113.8",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "evil.example",
      [CLIENT_IP_HEADER]: "203.0.113.9",
    });
    expect(headers[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    expect(headers["x-forwarded-for"]).toBe("127.0.0.1");
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers["x-forwarded-proto"]).toBe("http");
    expect(headers["x-forwarded-host"]).toBeUndefined();
  });

  it("from a trusted proxy, takes the first untrusted hop from the right, and its protocol and host", async () => {
    const headers = await seen(proxied.url, {
      "x-forwarded-for": "198.51.100.1, 203.0.113.7, 10.9.1.1",
      "x-forwarded-proto": "https",
      "x-forwarded-host": "patchbay.example",
    });
    expect(headers[CLIENT_IP_HEADER]).toBe("203.0.113.7");
    expect(headers["x-forwarded-proto"]).toBe("https");
    expect(headers["x-forwarded-host"]).toBe("patchbay.example");
    // Without the header, the proxy itself is the client.
    expect((await seen(proxied.url))[CLIENT_IP_HEADER]).toBe("127.0.0.1");
    // A garbled chain is not believed.
    expect((await seen(proxied.url, { "x-forwarded-for": "not-an-ip" }))[CLIENT_IP_HEADER]).toBe(
      "127.0.0.1",
    );
  });

  it("sets the security headers, and HSTS only when the connection is HTTPS (as a trusted proxy says)", async () => {
    const plain = await fetch(direct.url, { headers: { "x-forwarded-proto": "https" } });
    expect(plain.headers.get("x-frame-options")).toBe("DENY");
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(plain.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const tls = await fetch(proxied.url, { headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers.get("strict-transport-security")).toBe(
      "max-age=31536000; includeSubDomains",
    );
  });

  it("refuses cross-origin writes and cookie-carrying writes without Origin; lets same-origin and cookieless ones through", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${direct.url}/api/trpc/x`, { method: "POST", headers, body: "{}" });
    const host = new URL(direct.url).host;
    const cross = await post({ origin: "https://evil.example", cookie: "authjs.session-token=x" });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain(
      "Cross-origin request refused: Origin https://evil.example is not this site",
    );
    expect((await post({ origin: "null", cookie: "a=b" })).status).toBe(403);
    expect((await post({ origin: `https://${host}` })).status).toBe(403); // wrong scheme: not this site
    expect((await post({ cookie: "authjs.session-token=x" })).status).toBe(403);
    expect(
      (await post({ origin: `http://${host}`, cookie: "authjs.session-token=x" })).status,
    ).toBe(200);
    expect((await post({})).status).toBe(200);
    expect((await fetch(direct.url, { headers: { origin: "https://evil.example" } })).status).toBe(
      200,
    ); // reads are not writes
  });
});
