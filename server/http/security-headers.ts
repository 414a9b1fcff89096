// Response headers every Patchbay response carries, the pages' Content Security Policy, and
// the same-origin rule for state-changing requests. Plain functions: the custom server
// (server/http/front-door.ts) and Next's proxy (proxy.ts) both use them.

/**
 * The pages' policy. Scripts: only Next's own, marked with this response's nonce, and what
 * they load ('strict-dynamic'); never eval in production — the param forms use validators
 * precompiled on the server (components/forms/precompiled-validator.ts), not ajv's
 * `new Function`. Dev mode adds 'unsafe-eval' (React's dev tooling needs it). Styles allow
 * inline attributes: React Flow positions every node with an inline style.
 */
export function pageContentSecurityPolicy({
  nonce,
  dev,
  https,
}: {
  nonce: string;
  dev: boolean;
  https: boolean;
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/**
 * For everything that is not a page (API answers, files): nothing may run, nothing may frame it.
 */
const NON_PAGE_CSP =
  "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function baselineHeaders({ https }: { https: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": NON_PAGE_CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(https ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Why a request must be refused as cross-origin, or null. A state-changing request from a
 * browser always carries `Origin`; it must be this site. Without `Origin` a request is
 * accepted only when it carries no cookie (a script or CLI, which has no session to abuse).
 */
export function crossOriginRefusal(request: {
  method?: string;
  origin?: string;
  host?: string;
  proto: "http" | "https";
  hasCookie: boolean;
}): string | null {
  if (SAFE_METHODS.has((request.method ?? "GET").toUpperCase())) return null;
  const site = `${request.proto}://${request.host ?? ""}`.toLowerCase();
  if (request.origin === undefined) {
    return request.hasCookie
      ? "Cross-origin request refused: a request that carries cookies must send an Origin header"
      : null;
  }
  if (request.origin.toLowerCase() !== site) {
    return `Cross-origin request refused: Origin ${request.origin.slice(0, 200)} is not this site (${site})`;
  }
  return null;
}
