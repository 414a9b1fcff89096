import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { makeContext, requestMeta } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { currentUser } from "@/server/auth";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => makeContext(await currentUser(), requestMeta(req.headers)),
  });
}

export { handler as GET, handler as POST };
