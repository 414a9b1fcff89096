import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { bearerToken, makeContext, makeTokenContext } from "@/server/api/context";
import { requestMeta } from "@/server/audit/request-meta";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

// A Bearer token, when present, is the whole identity of the request: a cookie beside it is
// ignored.
async function createContext(req: Request) {
  const meta = requestMeta(req.headers);
  const bearer = bearerToken(req.headers);
  return bearer !== null ? makeTokenContext(bearer, meta) : makeContext(await currentUser(), meta);
}

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req),
  });
}

export { handler as GET, handler as POST };
