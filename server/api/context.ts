import { randomUUID } from "node:crypto";
import type { Actor, RequestMeta } from "../audit/types";
import type { TokenRefusal } from "../domain/auth/api-tokens";
import { CLIENT_IP_HEADER } from "../http/front-door";
import { log, type Logger } from "../log";
import type { Role } from "../domain/roles";
import type { UserDto } from "../repositories/users";
import { resolveToken, type TokenIdentity } from "../tokens/service";

/**
 * Who is calling: a signed-in person, or an API token acting inside its one organization with its
 * role.
 */
export type Principal = { kind: "user"; user: UserDto } | { kind: "token"; token: TokenIdentity };

export interface Context {
  principal: Principal | null;
  /** why a presented Bearer token was refused: the UNAUTHORIZED message names it */
  refusal?: TokenRefusal;
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

/**
 * The value of `Authorization: Bearer <value>`, or null when the header is absent or another
 * scheme.
 */
export function bearerToken(headers: Headers): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
  return match ? match[1]! : null;
}

export function makeContext(user: UserDto | null, meta: RequestMeta): Context {
  return {
    principal: user ? { kind: "user", user } : null,
    meta,
    log: log.child({ requestId: meta.requestId, userId: user?.id }),
  };
}

/**
 * The context of a request carrying a Bearer token: the token's principal, or the reason it is
 * refused.
 */
export async function makeTokenContext(value: string, meta: RequestMeta): Promise<Context> {
  const resolved = await resolveToken(value);
  if ("refusal" in resolved)
    return {
      principal: null,
      refusal: resolved.refusal,
      meta,
      log: log.child({ requestId: meta.requestId }),
    };
  const { token } = resolved;
  return {
    principal: { kind: "token", token },
    meta,
    log: log.child({ requestId: meta.requestId, tokenId: token.id }),
  };
}

/** The audit identity of a principal (with the role it acts with, when known). */
export function actorOf(principal: Principal, role?: Role): Actor {
  if (principal.kind === "token")
    return {
      type: "token",
      id: principal.token.id,
      label: `token:${principal.token.name}`,
      role: role ?? principal.token.role,
    };
  return { type: "user", id: principal.user.id, label: principal.user.email, role };
}

/** The user behind the call, for "created by" columns; null for a token. */
export function userIdOf(principal: Principal): string | null {
  return principal.kind === "user" ? principal.user.id : null;
}
