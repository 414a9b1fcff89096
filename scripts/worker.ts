// `npm run worker`: a process that only runs deployments, taking them from the job queue on
// PostgreSQL (DATABASE_URL). Start as many as you like beside `npm start`; each runs up to
// PATCHBAY_WORKERS runs at once. On a signal it stops taking work and exits; a run it was in
// the middle of is failed by the next sweep of any runner (its process is gone).
import { resolveSecretKey } from "../server/crypto/cipher";
import { openDatabase } from "../server/db/connect";
import { EnvError, parseEnv } from "../server/env";
import { log } from "../server/log";
import { startRunner } from "../server/runner/start";

async function main() {
  let config: ReturnType<typeof parseEnv>;
  try {
    config = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\n\nSee README.md, "Configuration".`);
      process.exit(1);
    }
    throw error;
  }
  if (!config.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL (a PostgreSQL server shared with the app): on the embedded database `npm start` runs deployments itself.",
    );
    process.exit(1);
  }
  // Outputs are sealed with the key the app uses: it must be given (PATCHBAY_SECRET_KEY).
  process.env.PATCHBAY_SECRET_KEY = resolveSecretKey({
    ...config,
    NODE_ENV: process.env.NODE_ENV,
  });
  // The app (`npm start`) migrates the database and syncs the catalog; a worker only reads.
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: "" });
  const runner = await startRunner(database, {
    workers: Math.max(1, config.PATCHBAY_WORKERS),
    databaseUrl: config.DATABASE_URL,
  });
  console.log(
    `Patchbay worker ${runner.workerId} is taking runs (${config.PATCHBAY_WORKERS} at once)`,
  );
  const stop = async (signal: string) => {
    log.info({ signal }, "worker stopping");
    await runner.stop();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
