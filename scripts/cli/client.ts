// The tRPC client the command line talks through: queries and mutations over HTTP, subscriptions
// (logs, statuses) over server-sent events, every request with `Authorization: Bearer <token>`.
// Only the router's *type* comes from the server; nothing of its code runs here.
import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  splitLink,
  type TRPCClient,
} from "@trpc/client";
import { EventSource } from "eventsource";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import type { Config } from "./config";

export type Client = TRPCClient<AppRouter>;

export function createClient(config: Config): Client {
  const url = `${config.url}/api/trpc`;
  const authorization = `Bearer ${config.token}`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({
          url,
          transformer: superjson,
          EventSource,
          eventSourceOptions: {
            fetch: (input, init) =>
              fetch(input, { ...init, headers: { ...init.headers, authorization } }),
          },
        }),
        false: httpLink({ url, transformer: superjson, headers: { authorization } }),
      }),
    ],
  });
}
