import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { requestContext } from "@/server/api/context";
import { requestMeta } from "@/server/audit/request-meta";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

// A Bearer token, when present, is the whole identity of the request (see requestContext).
function createContext(req: Request) {
  return requestContext(req.headers, requestMeta(req.headers), currentUser);
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
