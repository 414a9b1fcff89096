// The real services the local provisioner's tests run against. Unreachable on a developer's
// machine: the suite is skipped with a message saying why; under CI=true it fails instead, as
// the PostgreSQL suites do (.ci/run starts both services).
import { createConnection } from "node:net";
import pg from "pg";
import { ADMIN_URL } from "./scratch-db";

export { ADMIN_URL };
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function redisReachable(): Promise<boolean> {
  const url = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 6379) });
    socket.setTimeout(3000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/** True when `service` answers; false (with a printed reason) when not, or throws under CI. */
export async function serviceAvailable(service: "postgresql" | "redis"): Promise<boolean> {
  const [ok, where] =
    service === "postgresql"
      ? [await postgresReachable(), ADMIN_URL.replace(/:[^:@/]*@/, ":***@")]
      : [await redisReachable(), REDIS_URL.replace(/:[^:@/]*@/, ":***@")];
  if (ok) return true;
  const message = `${service} is not reachable at ${where}`;
  if (process.env.CI) throw new Error(`${message}; CI must run these tests (see .ci/run)`);
  console.warn(`Skipping the local provisioner's ${service} tests: ${message}`);
  return false;
}

/** Databases and roles on the real server whose names carry the project's slug. */
export async function provisioned(
  projectSlug: string,
): Promise<{ databases: number; roles: number }> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    const like = `%${projectSlug}%`;
    const dbs = await client.query("SELECT 1 FROM pg_database WHERE datname LIKE $1", [like]);
    const roles = await client.query("SELECT 1 FROM pg_roles WHERE rolname LIKE $1", [like]);
    return { databases: dbs.rowCount ?? 0, roles: roles.rowCount ?? 0 };
  } finally {
    await client.end();
  }
}
