import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../audit/types";
import { CLIENT_IP_HEADER } from "../http/front-door";
import { log, type Logger } from "../log";
import type { UserDto } from "../repositories/users";

export interface Context {
  user: UserDto | null;
  meta: RequestMeta;
  log: Logger;
}

/**
 * Request id, client IP and user agent from a fetch Request. The IP is the one the custom
 * server (server/http/front-door.ts) decided: the socket's address, or X-Forwarded-For only
 * when the peer is a trusted proxy (PATCHBAY_TRUSTED_PROXIES). A client's own header is dropped there.
 */
export function requestMeta(headers: Headers): RequestMeta {
  return {
    requestId: headers.get("x-request-id") ?? randomUUID(),
    ip: headers.get(CLIENT_IP_HEADER) || undefined,
    userAgent: headers.get("user-agent") ?? undefined,
  };
}

export function makeContext(user: UserDto | null, meta: RequestMeta): Context {
  return { user, meta, log: log.child({ requestId: meta.requestId, userId: user?.id }) };
}
