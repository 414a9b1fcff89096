// Next's proxy (formerly middleware): a fresh nonce and the Content Security Policy for every
// page. Next reads the nonce from the request's CSP header and puts it on its own scripts;
// every page renders dynamically anyway (they read the session). Security headers for all
// other responses, and the same-origin rule for writes, live in the custom server
// (server/http/front-door.ts), which also makes X-Forwarded-Proto trustworthy here.
import { NextResponse, type NextRequest } from "next/server";
import { pageContentSecurityPolicy } from "@/server/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const policy = pageContentSecurityPolicy({
    nonce,
    // Next inlines NODE_ENV at build time; env() (node:net) cannot load in the proxy.
    // biome-ignore lint/style/noProcessEnv: see above
    dev: process.env.NODE_ENV === "development",
    https: request.headers.get("x-forwarded-proto") === "https",
  });
  const headers = new Headers(request.headers);
  headers.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: not API routes, Next's static files or the icon.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
