import { randomUUID } from "node:crypto";
import type { RequestMeta } from "../audit/types";
import { log, type Logger } from "../log";
import type { UserDto } from "../repositories/users";

export interface Context {
  user: UserDto | null;
  meta: RequestMeta;
  log: Logger;
}

/** Request id, client IP and user agent from a fetch Request (behind a proxy: X-Forwarded-For). */
export function requestMeta(headers: Headers): RequestMeta {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return {
    requestId: headers.get("x-request-id") ?? randomUUID(),
    ip: forwarded || headers.get("x-real-ip") || undefined,
    userAgent: headers.get("user-agent") ?? undefined,
  };
}

export function makeContext(user: UserDto | null, meta: RequestMeta): Context {
  return { user, meta, log: log.child({ requestId: meta.requestId, userId: user?.id }) };
}
