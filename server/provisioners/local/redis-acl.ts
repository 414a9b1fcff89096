// The Redis ACL of one line, as the artifact type's policy renders it, checked token by token
// before it reaches `ACL SETUSER`: only switches, category and command rules, and key or
// channel patterns under this instance's own prefix. A policy can narrow access, never reach
// another instance's keys, set a password, or turn a user into `allkeys` / `nopass`.
import { AppError } from "../../domain/errors";

const PREFIX = /^[a-z0-9:_-]+$/;

/** The key prefix of an instance on a shared server: `{name_prefix}:{key_prefix}`. */
export function instanceKeyPrefix(namePrefix: string, keyPrefix: unknown): string {
  const prefix = `${namePrefix}:${typeof keyPrefix === "string" ? keyPrefix : "app:"}`;
  if (!PREFIX.test(prefix))
    throw new AppError("BAD_REQUEST", `Key prefix "${prefix}" may hold only a-z, 0-9, :, _ and -`);
  return prefix;
}

const SWITCHES = new Set(["on", "resetchannels", "resetkeys"]);
const COMMAND_RULE = /^[+-](@[a-z]+|[a-z]+(\|[a-z-]+)?)$/;

/** The rule tokens for `ACL SETUSER`, or an AppError naming the first token not allowed. */
export function aclRules(acl: string, keyPrefix: string): string[] {
  const patterns = new Set([`~${keyPrefix}*`, `&${keyPrefix}*`, `%R~${keyPrefix}*`]);
  const tokens = acl.split(/\s+/).filter(Boolean);
  for (const token of tokens) {
    if (SWITCHES.has(token) || COMMAND_RULE.test(token) || patterns.has(token)) continue;
    throw new AppError(
      "BAD_REQUEST",
      `Refusing ACL rule "${token}": only on, resetkeys, resetchannels, +/- categories or commands, and patterns under ${keyPrefix}`,
    );
  }
  if (tokens.includes("+@all") || tokens.includes("+@admin") || tokens.includes("+@dangerous"))
    throw new AppError(
      "BAD_REQUEST",
      `Refusing ACL "${acl}": administrative commands are never granted`,
    );
  return tokens;
}

/**
 * Whether an `ACL LIST` line belongs to a user scoped to `keyPrefix` (a user of one of this
 * instance's lines, even if the registry lost track of it): its name, or null.
 */
export function scopedUser(aclListLine: string, keyPrefix: string): string | null {
  const tokens = aclListLine.split(" ");
  if (tokens[0] !== "user" || !tokens[1]) return null;
  const own = [`~${keyPrefix}*`, `&${keyPrefix}*`, `%R~${keyPrefix}*`];
  return tokens.some((t) => own.includes(t)) ? tokens[1] : null;
}
