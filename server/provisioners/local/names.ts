// Names and secrets of what the local provisioner creates. Every identifier that reaches SQL
// or a Redis ACL passes `safeName` first: a name can then never close a quote, start a
// comment or widen a key pattern, whatever the params or slot names were.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../../domain/errors";
import { shortHash } from "../../domain/access/stable-hash";

/** PostgreSQL identifiers are at most 63 bytes; longer ones are silently truncated. */
const MAX_IDENTIFIER = 63;
const SAFE = /^[a-z0-9_][a-z0-9_-]*$/;

/** `name` itself when it is lowercase letters, digits, `_` or `-` and fits; else an AppError. */
export function safeName(name: string, what: string): string {
  if (!SAFE.test(name) || name.length > MAX_IDENTIFIER)
    throw new AppError(
      "BAD_REQUEST",
      `${what} "${name}" must be at most ${MAX_IDENTIFIER} lowercase letters, digits, _ or -`,
    );
  return name;
}

/**
 * The database of an instance on a shared server: `{name_prefix}_{database_name}` with `_` for
 * `-`, so two environments' "app" databases never meet. Too long: shortened with a hash.
 */
export function databaseName(namePrefix: string, databaseParam: string): string {
  const full = `${namePrefix}_${databaseParam}`.replace(/-/g, "_");
  if (full.length <= MAX_IDENTIFIER) return safeName(full, "Database name");
  const hash = shortHash(full, 6);
  return safeName(`${full.slice(0, MAX_IDENTIFIER - hash.length - 1)}_${hash}`, "Database name");
}

/** A random password: 32 URL-safe characters (192 bits), nothing to escape anywhere. */
export function newPassword(): string {
  return randomBytes(24).toString("base64url");
}

/** A short fingerprint of what was granted, kept beside the principal: a plan compares it. */
export function grantsFingerprint(rules: readonly string[]): string {
  return createHash("sha256").update(rules.join("\n")).digest("hex").slice(0, 16);
}
