// The state backend's handler on an ephemeral loopback port, without Next: integration tests and
// the real Terraform binary talk HTTP to it exactly as they would to `npm start`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { reloadEnv } from "@/server/env";
import { STATE_PATH, stateHandler } from "@/server/state/http";

export interface StateServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Serves the state backend; PATCHBAY_URL points at it so `stateAddress` answers with it. */
export async function startStateServer(): Promise<StateServer> {
  const server = createServer((req, res) => {
    if (req.url?.startsWith(STATE_PATH)) void stateHandler(req, res);
    else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.PATCHBAY_URL = url;
  reloadEnv();
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      delete process.env.PATCHBAY_URL;
      reloadEnv();
    },
  };
}
