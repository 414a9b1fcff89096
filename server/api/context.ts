import type { Actor, RequestMeta } from "../audit/types";
import type { TokenRefusal } from "../domain/auth/api-tokens";
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
 * The value of `Authorization: Bearer <value>`, or null when the header is absent or another
 * scheme.
 */
function bearerToken(headers: Headers): string | null {
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

/**
 * The context of an HTTP request: a Bearer token, when present, is the whole identity of the
 * request (a cookie beside it is ignored); else the signed-in person `currentUser` finds.
 * The tRPC route and the test server both build their contexts here.
 */
export async function requestContext(
  headers: Headers,
  meta: RequestMeta,
  currentUser: () => Promise<UserDto | null>,
): Promise<Context> {
  const bearer = bearerToken(headers);
  return bearer !== null ? makeTokenContext(bearer, meta) : makeContext(await currentUser(), meta);
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
