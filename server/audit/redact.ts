// Before/after snapshots go through `redactForAudit`: any key that names a credential is
// replaced by a fingerprint, so audit events can show *that* a secret changed, never its value.
import { createHash } from "node:crypto";

const SENSITIVE_KEY = /pass(word)?|secret|token|api[_-]?key|private[_-]?key|credential|ciphertext|authorization|cookie/i;

/** "sha256:" + the first 12 hex characters of sha256(value): comparable, not reversible. */
export function fingerprint(value: string): string {
  return `sha256:${createHash("sha256").update(value).digest("hex").slice(0, 12)}`;
}

export function redactForAudit(value: unknown, extraSensitiveKeys: readonly string[] = []): unknown {
  const extra = new Set(extraSensitiveKeys);
  const walk = (v: unknown, key?: string): unknown => {
    if (key !== undefined && (SENSITIVE_KEY.test(key) || extra.has(key)) && v !== null && v !== undefined && typeof v !== "object") {
      return { redacted: true, fingerprint: fingerprint(String(v)) };
    }
    if (Array.isArray(v)) return v.map((item) => walk(item));
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === "object") {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, inner]) => [k, walk(inner, k)]));
    }
    return v;
  };
  return walk(value);
}
