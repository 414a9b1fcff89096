// The session token of a request, decoded with Auth.js's own reader (getToken) from its cookie
// alone: a Bearer header is an API token here (server/api/context.ts), never a session.
import { getToken, type JWT } from "next-auth/jwt";

/**
 * Whether the session cookie is the `__Secure-` one: as Auth.js decides it for its own session
 * read, from the URL it builds (the configured public URL's protocol, else the forwarded one,
 * else https). The front door (server/http/front-door.ts) sets X-Forwarded-Proto from the
 * connection.
 */
export function secureCookie(request: Headers, publicUrl?: string): boolean {
  if (publicUrl) return new URL(publicUrl).protocol === "https:";
  return (request.get("x-forwarded-proto") ?? "https").replace(/:$/, "") === "https";
}

// Decoded tokens by their exact text, until the token's own expiry: a token is authenticated
// encryption, so the same text always decodes to the same claims, and decoding one costs ~0.7 ms
// of webcrypto on every request. Whoever uses the claims still reads the session row each time
// (revocation turns on that). Bounded; the oldest goes first.
const TOKENS_KEPT = 1000;
const decoded = new Map<string, JWT>();

/** The request's session token; null when none, tampered, expired or sealed with another secret. */
export async function sessionToken(
  request: Headers,
  { secret, publicUrl }: { secret: string | undefined; publicUrl?: string },
): Promise<JWT | null> {
  const params = {
    req: { headers: { cookie: request.get("cookie") ?? "" } },
    secret,
    secureCookie: secureCookie(request, publicUrl),
  };
  const raw = await getToken({ ...params, raw: true });
  if (!raw) return null;
  const kept = decoded.get(raw);
  if (kept && typeof kept.exp === "number" && kept.exp * 1000 > Date.now()) return kept;
  decoded.delete(raw);
  const token = await getToken(params);
  if (!token) return null;
  if (decoded.size >= TOKENS_KEPT) decoded.delete(decoded.keys().next().value!);
  decoded.set(raw, token);
  return token;
}
