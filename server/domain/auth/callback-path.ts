// Where the browser may go after signing in. Only same-origin paths: anything a browser could
// read as another host — `//evil`, `/\evil` (browsers treat `\` as `/`), tabs or newlines the
// URL parser strips (`/\t/evil`), their percent-encoded forms, scheme URLs — falls back to "/".

const FALLBACK = "/";
const MAX_LENGTH = 2048;
// Control characters, whitespace and backslashes have no business in a callback path; the
// URL parser silently drops or rewrites several of them, which is how `/\t/evil` becomes `//evil`.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff\\]/;
const PROBE_ORIGIN = "http://patchbay.invalid";

function looksSafe(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !FORBIDDEN.test(path);
}

/**
 * A decoded form is dangerous only where it could become an authority: right after the first "/".
 */
function startsSafely(decoded: string): boolean {
  return decoded.startsWith("/") && !FORBIDDEN.test(decoded.charAt(1)) && decoded.charAt(1) !== "/";
}

/**
 * Each decoding of `raw` (up to 3 levels), so an encoded `%5C` or `%2F%2F` is judged as what it
 * hides.
 */
function decodings(raw: string): string[] {
  const out = [raw];
  let current = raw;
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return [...out, "\\"]; // malformed escapes: refuse rather than guess
    }
    if (next === current) break;
    out.push(next);
    current = next;
  }
  return out;
}

/**
 * The same-origin path to follow after sign-in, or "/" when `raw` is anything else.
 * `origin` (e.g. "https://patchbay.example") also admits absolute URLs of that origin, as
 * Auth.js hands them over; they come back as a path.
 */
export function safeCallbackPath(raw: unknown, origin?: string): string {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > MAX_LENGTH) return FALLBACK;
  let candidate = raw;
  if (origin && !raw.startsWith("/")) {
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      return FALLBACK;
    }
    if (parsed.origin !== new URL(origin).origin || FORBIDDEN.test(raw)) return FALLBACK;
    candidate = parsed.pathname + parsed.search + parsed.hash;
  }
  if (!looksSafe(candidate) || !decodings(candidate).every(startsSafely)) return FALLBACK;
  // The URL parser is the final judge: the path must resolve to the same origin, unchanged in kind.
  let resolved: URL;
  try {
    resolved = new URL(candidate, PROBE_ORIGIN);
  } catch {
    return FALLBACK;
  }
  if (resolved.origin !== PROBE_ORIGIN) return FALLBACK;
  const path = resolved.pathname + resolved.search + resolved.hash;
  return looksSafe(path) ? path : FALLBACK;
}
