// The tRPC API (and the Terraform state backend) on an ephemeral loopback port, without Next:
// the command line's integration tests talk HTTP to it exactly as to `npm start`. Contexts are
// built by the route's own requestContext (Bearer → the token; no cookie session here).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll } from "vitest";
import { requestContext } from "@/server/api/context";
import { appRouter } from "@/server/api/root";
import { requestMeta } from "@/server/audit/request-meta";
import { reloadEnv } from "@/server/env";
import { setDispatcher } from "@/server/run-queue/dispatch";
import { STATE_PATH, stateHandler } from "@/server/state/http";

export interface ApiServer {
  /** `http://127.0.0.1:<port>`: PATCHBAY_URL for the command line */
  url: string;
  close(): Promise<void>;
}

function headersOf(raw: NodeJS.Dict<string | string[]>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw))
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
      headers.append(name, v);
  return headers;
}

export async function startApiServer(): Promise<ApiServer> {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) => {
      const headers = headersOf(req.headers);
      return requestContext(headers, requestMeta(headers), async () => null);
    },
  });
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/api/trpc/")) trpc(req, res);
    else if (req.url?.startsWith(STATE_PATH)) void stateHandler(req, res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * For a suite: the API server started before its tests with the local provisioner on and runs
 * dispatched to `runner`, all undone after them. `url` is readable once the suite has started.
 */
export function apiServerForSuite(runner: Parameters<typeof setDispatcher>[0]): { url: string } {
  let server: ApiServer | undefined;
  beforeAll(async () => {
    server = await startApiServer();
    process.env.PATCHBAY_LOCAL_PROVISIONER = "1";
    reloadEnv();
    setDispatcher(runner);
  });
  afterAll(async () => {
    setDispatcher(undefined);
    delete process.env.PATCHBAY_LOCAL_PROVISIONER;
    reloadEnv();
    await server?.close();
  });
  return {
    get url() {
      if (!server) throw new Error("the API server starts with the suite");
      return server.url;
    },
  };
}
