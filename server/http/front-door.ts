// What the custom server (scripts/start.ts) does to every request before Next sees it:
// decide who the client is and whether the connection is HTTPS — believing X-Forwarded-* only
// from trusted proxies — and replace those headers with the verdict; add the security headers;
// refuse cross-origin writes. Route handlers read the client's address from CLIENT_IP_HEADER.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { baselineHeaders, crossOriginRefusal } from "./security-headers";
import type { TrustedProxies } from "./trusted-proxies";

/** Set here from the socket (or a trusted proxy's X-Forwarded-For); a client's own is dropped. */
export const CLIENT_IP_HEADER = "x-patchbay-client-ip";

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v?.split(",")[0]?.trim() || undefined;
}

interface Verdict {
  client?: string;
  proto: "http" | "https";
  host?: string;
}

/** Rewrites `req`'s forwarding headers to what is known; returns the verdict. */
function normalizeForwarding(req: IncomingMessage, trusted: TrustedProxies): Verdict {
  const remote = req.socket.remoteAddress;
  const viaProxy = trusted.has(remote);
  const forwardedFor = req.headers["x-forwarded-for"];
  const client = trusted.clientAddress(
    remote,
    Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
  );
  const claimedProto = first(req.headers["x-forwarded-proto"])?.toLowerCase();
  const tls = (req.socket as TLSSocket).encrypted === true;
  const proto = tls
    ? "https"
    : viaProxy && (claimedProto === "https" || claimedProto === "http")
      ? claimedProto
      : "http";
  const forwardedHost = viaProxy ? first(req.headers["x-forwarded-host"]) : undefined;
  const host = forwardedHost ?? req.headers.host;

  for (const name of [
    "x-forwarded-for",
    "x-forwarded-host",
    "x-forwarded-proto",
    "x-forwarded-port",
    "x-real-ip",
    "forwarded",
    CLIENT_IP_HEADER,
  ])
    delete req.headers[name];
  if (client) {
    req.headers["x-forwarded-for"] = client;
    req.headers[CLIENT_IP_HEADER] = client;
  }
  req.headers["x-forwarded-proto"] = proto;
  if (forwardedHost) req.headers["x-forwarded-host"] = forwardedHost;
  return { client, proto, host };
}

/** Returns false when the request was answered here (refused) and must not reach Next. */
export function frontDoor(
  req: IncomingMessage,
  res: ServerResponse,
  trusted: TrustedProxies,
): boolean {
  const verdict = normalizeForwarding(req, trusted);
  for (const [name, value] of Object.entries(baselineHeaders({ https: verdict.proto === "https" })))
    res.setHeader(name, value);
  const refusal = crossOriginRefusal({
    method: req.method,
    origin: req.headers.origin,
    host: verdict.host,
    proto: verdict.proto,
    hasCookie: Boolean(req.headers.cookie),
  });
  if (!refusal) return true;
  res.statusCode = 403;
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ error: { code: "FORBIDDEN", message: refusal } }));
  return false;
}
