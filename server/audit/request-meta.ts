// What an audit event records about the request that caused it, read from a fetch Request's
// headers. Shared by tRPC's context and Auth.js's sign-in, so both record the same facts.
import { randomUUID } from "node:crypto";
import { CLIENT_IP_HEADER } from "../http/front-door";
import type { RequestMeta } from "./types";

/**
 * Request id, client IP and user agent from a fetch Request. The IP is the one the custom
 * server (server/http/front-door.ts) decided: the socket's address, or X-Forwarded-For only
 * when the peer is a trusted proxy (PATCHBAY_TRUSTED_PROXIES). A client's own header is dropped
 * there.
 */
export function requestMeta(headers: Headers): RequestMeta {
  return {
    requestId: headers.get("x-request-id") ?? randomUUID(),
    ip: headers.get(CLIENT_IP_HEADER) || undefined,
    userAgent: headers.get("user-agent") ?? undefined,
  };
}
