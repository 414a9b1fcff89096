// `npm start`: validate configuration, open the database (embedded PGlite unless DATABASE_URL
// is set), apply migrations, seed the demo organization, build if needed, serve Next.js from
// this same process (so the embedded database has exactly one owner), close cleanly on signals.
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { catalogRoot } from "../server/catalog/root";
import { syncCatalog } from "../server/catalog/sync";
import { migrateDatabase, openDatabase } from "../server/db/connect";
import { EnvError, parseEnv } from "../server/env";
import { frontDoor } from "../server/http/front-door";
import { TrustedProxies } from "../server/http/trusted-proxies";
import { localSecret, securePrivateDir } from "../server/local-secrets";
import { log } from "../server/log";
import { resolveSecretKey } from "../server/crypto/cipher";
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from "../server/seed";
import { seedDemoDiagram } from "../server/seed-diagram";
import { seedSharedTier } from "../server/seed-shared";
import { seedDemoLocal } from "../server/seed-local";
import { seedDemoPreview } from "../server/seed-preview";
import { startRunner } from "../server/runner/start";
import { STATE_PATH, stateHandler } from "../server/state/http";
import { buildIfNeeded } from "./build-if-needed";

const dev = process.argv.includes("--dev");

async function main() {
  let config: ReturnType<typeof parseEnv>;
  let secretKey: ReturnType<typeof resolveSecretKey>;
  try {
    config = parseEnv();
    // Before anything is written there: the data directory is private (0700, files 0600).
    securePrivateDir(path.resolve(config.PATCHBAY_DATA_DIR));
    // Fails fast (naming the variable) in production on PostgreSQL without a shared key.
    secretKey = resolveSecretKey({
      ...config,
      PATCHBAY_DATA_DIR: path.resolve(config.PATCHBAY_DATA_DIR),
      NODE_ENV: process.env.NODE_ENV,
    });
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\n\nSee README.md, "Configuration".`);
      process.exit(1);
    }
    throw error;
  }
  const dataDir = path.resolve(config.PATCHBAY_DATA_DIR);
  process.env.AUTH_SECRET = config.AUTH_SECRET ?? localSecret(dataDir, "auth-secret");
  process.env.PATCHBAY_SECRET_KEY = secretKey;

  if (!dev) buildIfNeeded();

  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: path.join(dataDir, "pgdata"),
  });
  const applied = await migrateDatabase(database);
  log.info({ mode: database.mode, location: database.location, applied }, "database ready");
  const seeded = config.PATCHBAY_DEMO ? await seedDemo() : false;
  await syncCatalog(catalogRoot());
  // The demo diagram needs the catalog, so it is placed after the sync, on first start only.
  if (seeded) {
    await seedDemoDiagram();
    await seedSharedTier();
    await seedDemoPreview();
  }
  // The local project (deployable on this machine): fills in only what is missing.
  if (config.PATCHBAY_DEMO) await seedDemoLocal();

  // After the seed: the demo's runs exist before anything may pick them up.
  const runner = await startRunner(database, {
    workers: config.PATCHBAY_WORKERS,
    databaseUrl: config.DATABASE_URL,
  });

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // X-Forwarded-* believed only from these; security headers and the same-origin rule for writes.
  const trusted = new TrustedProxies(config.PATCHBAY_TRUSTED_PROXIES);
  const server = createServer((req, res) => {
    if (!frontDoor(req, res, trusted)) return;
    // Terraform's state backend locks with LOCK/UNLOCK, methods Next's App Router cannot route.
    if (req.url?.startsWith(STATE_PATH)) void stateHandler(req, res);
    else void handle(req, res);
  });
  // An idle keep-alive connection is closed by the client or a proxy, not by us first: with Node's
  // 5 s, a request sent on a connection just as the server drops it fails with ECONNRESET (a
  // journey's client reused one after 9 s idle; proxies commonly idle out at 60 s).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));

  const url = `http://localhost:${config.PORT}`;
  console.log(
    `\nPatchbay is running on ${url}  (database: ${database.mode}, ${database.location})`,
  );
  if (config.PATCHBAY_DEMO) {
    console.log(
      `${seeded ? "Seeded" : "Demo"} organization "Acme" — sign in with password "${DEMO_PASSWORD}" as:`,
    );
    for (const u of DEMO_USERS) console.log(`  ${u.email.padEnd(18)} ${u.role}`);
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    server.close();
    server.closeAllConnections();
    await runner.stop();
    await app.close().catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
