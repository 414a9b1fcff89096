// local-postgres-database against the real PostgreSQL server: what a line's policy promises
// is exactly what its credentials can do, and nothing survives a removed line or a destroy.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { ADMIN_URL, serviceAvailable } from "@/test/local-services";
import { collectLogs, line, request, runId } from "@/test/provision-request";
import type { ProvisionOutputs, ProvisionRequest } from "../types";
import { localPostgres, POSTGRES_ADMIN_URL } from "./postgres";

const available = await serviceAvailable("postgresql");
const id = runId();
const producer = `pbtest-${id}-db-0001`;
const consumer = `pbtest-${id}-api-0002`;
const base = request("local-postgres-database", producer, {
  params: { database_name: "app" },
  settings: { [POSTGRES_ADMIN_URL]: ADMIN_URL },
});
const withPolicy = (policies: string[], previous: ProvisionOutputs | null = null) => ({
  ...base,
  lines: [line("database", consumer, policies)],
  previous,
});

async function admin<T>(fn: (c: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(ADMIN_URL);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Runs `sql` as the line's role, with the credentials the consumer would receive. */
async function asConsumer(outputs: ProvisionOutputs, sql: string) {
  const creds = Object.values(outputs.artifacts.database!.lines)[0]!;
  const client = new pg.Client({
    host: String(creds.hostname),
    port: Number(creds.port),
    database: String(creds.database),
    user: String(creds.username),
    password: String(creds.password),
  });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

const roleExists = (role: string) =>
  admin(async (c) => (await c.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role])).rowCount);

describe.skipIf(!available)("local-postgres-database on the real server", () => {
  let outputs: ProvisionOutputs;
  afterAll(async () => {
    if (available) await localPostgres.destroy(base, () => {});
  });

  it("plans a database, a role and its grants", async () => {
    const { changes } = await localPostgres.plan(withPolicy(["read-only"]), () => {});
    expect(changes.map((c) => `${c.action} ${c.resource.split(".")[0]}`)).toEqual([
      "create postgresql_database",
      "create postgresql_role",
      "create postgresql_grant",
    ]);
  });

  it("read-only: SELECT works, INSERT is denied, credentials are the line's own", async () => {
    const logs = collectLogs();
    outputs = await localPostgres.apply(withPolicy(["read-only"]), logs.sink);
    const out = outputs.artifacts.database!;
    const creds = Object.values(out.lines)[0]!;
    expect(creds.username).toBe(`${consumer}-database`);
    expect(creds.username).not.toBe(new URL(ADMIN_URL).username);
    expect(String(creds.password)).toHaveLength(32);
    expect(out.sensitive).toEqual(["/password"]);
    expect(out.shared).not.toHaveProperty("password");
    expect(logs.text()).not.toContain(String(creds.password));
    expect(logs.text()).toContain("GRANT SELECT ON ALL TABLES IN SCHEMA public");
    // A table created after the grants: default privileges cover it.
    await admin(
      (c) =>
        c.query(
          "CREATE TABLE items (id serial PRIMARY KEY, name text); INSERT INTO items (name) VALUES ('a')",
        ),
      String(creds.database),
    );
    expect((await asConsumer(outputs, "SELECT name FROM items")).rows).toEqual([{ name: "a" }]);
    await expect(asConsumer(outputs, "INSERT INTO items (name) VALUES ('b')")).rejects.toThrow(
      /permission denied/,
    );
    await expect(asConsumer(outputs, "CREATE TABLE mine (x int)")).rejects.toThrow(
      /permission denied/,
    );
    const { changes } = await localPostgres.plan(withPolicy(["read-only"]), () => {});
    expect(changes).toEqual([]);
  });

  it("read-write after a re-apply: INSERT works, same password; back to read-only revokes it", async () => {
    const { changes } = await localPostgres.plan(withPolicy(["read-write"], outputs), () => {});
    expect(changes).toEqual([
      {
        action: "update",
        resource: `postgresql_grant.${consumer}-database`,
        attributes: ["privileges"],
      },
    ]);
    const next = await localPostgres.apply(withPolicy(["read-write"], outputs), () => {});
    const password = (o: ProvisionOutputs) =>
      Object.values(o.artifacts.database!.lines)[0]!.password;
    expect(password(next)).toBe(password(outputs));
    await asConsumer(next, "INSERT INTO items (name) VALUES ('b')");
    expect((await asConsumer(next, "SELECT count(*)::int AS n FROM items")).rows).toEqual([
      { n: 2 },
    ]);
    outputs = await localPostgres.apply(withPolicy(["read-only"], next), () => {});
    await expect(asConsumer(outputs, "DELETE FROM items")).rejects.toThrow(/permission denied/);
  });

  it("a removed line drops its role; another instance's names are refused", async () => {
    const removed: ProvisionRequest = { ...base, previous: outputs };
    const { changes } = await localPostgres.plan(removed, () => {});
    expect(changes.map((c) => c.action)).toEqual(["delete"]);
    const logs = collectLogs();
    await localPostgres.apply(removed, logs.sink);
    expect(await roleExists(`${consumer}-database`)).toBe(0);
    expect(logs.text()).toContain("its line was removed");
    await expect(asConsumer(outputs, "SELECT 1")).rejects.toThrow();
    // A role of that name made by someone else is never taken over.
    const stranger = `pbtest-${id}-x-0003-database`;
    await admin((c) => c.query(`CREATE ROLE "${stranger}"`));
    try {
      const foreign = { ...base, lines: [line("database", `pbtest-${id}-x-0003`, ["read-only"])] };
      await expect(localPostgres.apply(foreign, () => {})).rejects.toThrow(
        /not managed by this instance/,
      );
    } finally {
      await admin((c) => c.query(`DROP ROLE "${stranger}"`));
    }
  });

  it("destroy drops the database and its roles", async () => {
    await localPostgres.apply(withPolicy(["read-write"]), () => {});
    const database = String(outputs.artifacts.database!.shared.database);
    const { changes } = await localPostgres.plan(base, () => {}, "destroy");
    expect(changes.map((c) => c.action)).toEqual(["delete", "delete"]);
    await localPostgres.destroy(base, () => {});
    const left = await admin(
      async (c) =>
        (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [database])).rowCount,
    );
    expect(left).toBe(0);
    expect(await roleExists(`${consumer}-database`)).toBe(0);
  });

  it("refuses a database of that name it did not create", async () => {
    const other = request("local-postgres-database", `pbtest-${id}-db2-0004`, {
      params: { database_name: "app" },
      settings: { [POSTGRES_ADMIN_URL]: ADMIN_URL },
    });
    await admin((c) => c.query(`CREATE DATABASE "pbtest_${id}_db2_0004_app"`));
    try {
      await expect(localPostgres.apply(other, () => {})).rejects.toThrow(
        /not managed by this instance/,
      );
      await expect(localPostgres.destroy(other, () => {})).rejects.toThrow(/not managed/);
    } finally {
      await admin((c) => c.query(`DROP DATABASE "pbtest_${id}_db2_0004_app"`));
    }
  });
});
