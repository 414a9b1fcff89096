// Keyed fingerprints: what the UI, the audit trail and comparisons show of a secret instead of
// its value. Keyed per organization (see fingerprinter), so a fingerprint cannot be tested
// against guesses offline and equal values of two organizations do not reveal each other.
import { createHmac } from "node:crypto";
import { derivedKey } from "./cipher";

/** Turns a value into its fingerprint for one organization. */
export type Fingerprinter = (value: string) => string;

const organizationKeys = new Map<string, Buffer>();

/**
 * Fingerprints of one organization: HMAC-SHA256 under a key of that organization, derived
 * from the secret key. Two equal values of one organization compare equal, but a viewer who
 * sees a fingerprint cannot test guesses offline (an unkeyed hash would let them), and equal
 * values of two organizations do not reveal each other.
 */
export function fingerprinter(organizationId: string): Fingerprinter {
  let key = organizationKeys.get(organizationId);
  if (!key) {
    key = createHmac("sha256", derivedKey("fingerprint")).update(organizationId, "utf8").digest();
    organizationKeys.set(organizationId, key);
  }
  const k = key;
  return (value) => createHmac("sha256", k).update(value, "utf8").digest("hex");
}

/** The keyed fingerprint (hex) of a value for an organization. */
export function fingerprint(value: string, organizationId: string): string {
  return fingerprinter(organizationId)(value);
}

/** The short form shown in the UI and written to the audit trail. */
export const fingerprintPrefix = (hex: string) => hex.slice(0, 12);

/**
 * Short fingerprints by JSON pointer. Strings are hashed as they are, so an equal instance
 * secret has an equal fingerprint.
 */
export function fingerprints(
  values: Readonly<Record<string, unknown>>,
  organizationId: string,
): Record<string, string> {
  const fp = fingerprinter(organizationId);
  return Object.fromEntries(
    Object.entries(values).map(([path, v]) => [
      path,
      fingerprintPrefix(fp(typeof v === "string" ? v : JSON.stringify(v))),
    ]),
  );
}
