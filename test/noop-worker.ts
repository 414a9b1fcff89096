// A worker process for tests and benches only: `npm run worker` as scripts/worker.ts starts
// it, except that runs of the test bundle `noop-relay` (test/fixtures/noop-bundle) go to a
// provisioner that does nothing but return a valid endpoint. Everything else — claim,
// heartbeat, inputs, logs, outputs, audit, batches — is the real runner. Never part of the
// product's configuration.
import { resolveSecretKey } from "../server/crypto/cipher";
import { openDatabase } from "../server/db/connect";
import { parseEnv } from "../server/env";
import { type ProvisionerFor, provisionerFor } from "../server/provisioners";
import type { Provisioner, ProvisionOutputs } from "../server/provisioners/types";
import { startRunner } from "../server/runner/start";

const NOOP_BUNDLE = "noop-relay";

const endpoint = { url: "http://127.0.0.1:9", hostname: "127.0.0.1", port: 9, protocol: "http" };

const noop: Provisioner = {
  async plan() {
    return { changes: [] };
  },
  async apply(request, onLog) {
    onLog({ at: new Date().toISOString(), stream: "stdout", text: "nothing to do" });
    const lines = Object.fromEntries(request.lines.map((l) => [l.linkId, endpoint]));
    const outputs: ProvisionOutputs = {
      artifacts: { endpoint: { shared: endpoint, lines, sensitive: [] } },
    };
    return outputs;
  },
  async destroy() {},
};

const provisioners: ProvisionerFor = (provisioner, bundle, deps) =>
  bundle === NOOP_BUNDLE ? noop : provisionerFor(provisioner, bundle, deps);

async function main() {
  const config = parseEnv();
  if (!config.DATABASE_URL) throw new Error("the noop worker needs DATABASE_URL");
  process.env.PATCHBAY_SECRET_KEY = resolveSecretKey({ ...config, NODE_ENV: "test" });
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: "" });
  const runner = await startRunner(database, {
    workers: Math.max(1, config.PATCHBAY_WORKERS),
    databaseUrl: config.DATABASE_URL,
    provisioners,
  });
  console.log(`noop worker ${runner.workerId} is taking runs`);
  const stop = async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
