// The demo's small process (the `app` component of the `notes` project): a plain node:http
// server that reads only what Patchbay's local provisioner hands it — DATABASE_URL, REDIS_URL,
// REDIS_KEY_PREFIX, PORT — and proves on GET /health that its lines work: a real query with the
// database role its line created, a real Redis GET as its ACL user, under its key prefix.
// Its credentials never appear in what it prints or answers.
import { createServer } from "node:http";
import { Redis } from "ioredis";
import pg from "pg";

const port = Number(process.env.PORT ?? 4311);
const prefix = process.env.REDIS_KEY_PREFIX ?? "";
const databaseUrl = process.env.DATABASE_URL ?? "";
const redisUrl = process.env.REDIS_URL ?? "";

const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: 2,
  connectionTimeoutMillis: 2000,
  idleTimeoutMillis: 10_000,
});
pool.on("error", () => {}); // a dropped idle connection shows on the next /health

const redis = new Redis(redisUrl, {
  lazyConnect: true,
  connectTimeout: 2000,
  maxRetriesPerRequest: 1,
  // The ready check runs INFO, which a line's ACL user may not be granted.
  enableReadyCheck: false,
});
redis.on("error", () => {});

/** The first line of an error, without anything that looks like a URL (it could hold a password). */
const reason = (error) =>
  String(error instanceof Error ? error.message : error)
    .split("\n")[0]
    .replace(/\w+:\/\/\S+/g, "<url>");

let tableReady = false;

/**
 * Creates the notes table when the line's policy allows DDL; a read-write line does not (no
 * CREATE on the schema), and that is fine: the health check then runs a plain query.
 */
async function ensureTable() {
  if (tableReady) return;
  try {
    await pool.query(
      "CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text NOT NULL, at timestamptz NOT NULL DEFAULT now())",
    );
    tableReady = true;
    console.log("notes table ready");
  } catch (error) {
    // Refused (42501): the grant will not change while this process runs, so ask once.
    // Anything else (not reachable yet): try again on the next check.
    if (error?.code === "42501") tableReady = true;
    console.log(`notes table not created (${reason(error)}); continuing without it`);
  }
}

async function checkDatabase() {
  if (!databaseUrl) return { database: "error", databaseError: "DATABASE_URL is not set" };
  try {
    await ensureTable();
    await pool.query("SELECT current_user, now()");
    return { database: "ok" };
  } catch (error) {
    return { database: "error", databaseError: reason(error) };
  }
}

async function checkCache() {
  if (!redisUrl) return { cache: "error", cacheError: "REDIS_URL is not set" };
  try {
    if (redis.status === "wait" || redis.status === "end") await redis.connect();
    await redis.get(`${prefix}health`);
    return { cache: "ok" };
  } catch (error) {
    return { cache: "error", cacheError: reason(error) };
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/health") {
    const [db, cache] = await Promise.all([checkDatabase(), checkCache()]);
    const body = { ...db, ...cache };
    const ok = body.database === "ok" && body.cache === "ok";
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
    return;
  }
  if (req.method === "GET" && url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
    res.end("notes: a demo process run by Patchbay's local provisioner. See /health.\n");
    return;
  }
  res.writeHead(404, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: "not found" }));
});

server.listen(port, "127.0.0.1", () => {
  console.log(`notes listening on http://127.0.0.1:${port} (key prefix "${prefix}")`);
});

const shutdown = () => {
  server.close();
  redis.disconnect();
  void pool.end().finally(() => process.exit(0));
};
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
