// Before/after snapshots go through `redactForAudit`: any key that names a credential is
// replaced by a fingerprint, so audit events can show *that* a secret changed, never its value.
import { fingerprint as keyedFingerprint } from "../crypto/fingerprint";

const SENSITIVE_KEY =
  /pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential|ciphertext|authorization|cookie/i;

/**
 * "hmac:" + the first 12 hex characters of the organization's keyed fingerprint: comparable, not
 * testable offline.
 */
export function fingerprint(value: string, organizationId: string | null): string {
  return `hmac:${keyedFingerprint(value, organizationId ?? "(no organization)").slice(0, 12)}`;
}

export function redactForAudit(
  value: unknown,
  organizationId: string | null,
  extraSensitiveKeys: readonly string[] = [],
): unknown {
  const extra = new Set(extraSensitiveKeys);
  const walk = (v: unknown, key?: string): unknown => {
    if (
      key !== undefined &&
      (SENSITIVE_KEY.test(key) || extra.has(key)) &&
      v !== null &&
      v !== undefined &&
      typeof v !== "object"
    ) {
      return { redacted: true, fingerprint: fingerprint(String(v), organizationId) };
    }
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === "object") {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).map(([k, inner]) => [k, walk(inner, k)]),
      );
    }
    return v;
  };
  return walk(value);
}
