// A short, stable, browser-safe hash for names. node:crypto is not available in the
// browser and WebCrypto's digest is async, while names are computed synchronously on every
// render of the canvas; this is not a security boundary (it only has to be deterministic
// and well spread), so 32-bit FNV-1a is enough.

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a over the UTF-16 code units of `input` (unsigned). */
export function fnv1a(input: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < input.length; i++) {
    hash ^= input.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/**
 * `length` (≤ 6) lowercase base-36 characters derived from `input`; same input, same output,
 * forever.
 */
export function shortHash(input: string, length = 4): string {
  const modulus = 36 ** length;
  return (fnv1a(input) % modulus).toString(36).padStart(length, "0");
}
