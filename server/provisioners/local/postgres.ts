// local-postgres-database: a database on a PostgreSQL server Patchbay reaches through an admin
// connection (an environment default), and one login role per line into it whose privileges
// are exactly the line's policy. Consumers get their own role's credentials, never the admin's.
// The server itself is the state: the database and roles carry a marker comment, so a re-apply
// finds what it made (and drops the roles of removed lines) and never touches anything else.
import pg from "pg";
import { AppError } from "../../domain/errors";
import { systemLog } from "../log-lines";
import type { DriftItem, LogSink, ProvisionRequest, Provisioner } from "../types";
import { type LineGrant, lineGrants } from "./line-grants";
import { roleDrift } from "./postgres-drift";
import { type Current, planChanges, readCurrent } from "./postgres-state";
import { databaseName, grantsFingerprint, newPassword, safeName } from "./names";
import {
  checkGrantStatement,
  closeDatabase,
  commentStatement,
  databaseMarker,
  q,
  revokeAll,
  roleMarker,
  roleStatement,
} from "./postgres-sql";

/** The environment default naming the admin connection: `postgresql://user@host:port/db`. */
export const POSTGRES_ADMIN_URL = "postgres-admin-url";
const OUTPUT = "database";

interface Target {
  adminUrl: string;
  database: string;
  shared: { hostname: string; port: number; database: string; sslmode: string };
}

function target(request: ProvisionRequest): Target {
  const adminUrl = request.settings[POSTGRES_ADMIN_URL];
  if (!adminUrl || !/^postgres(ql)?:\/\//.test(adminUrl))
    throw new AppError(
      "PRECONDITION_FAILED",
      `local-postgres-database needs the environment default "${POSTGRES_ADMIN_URL}" (a postgresql:// admin URL)`,
    );
  const url = new URL(adminUrl);
  const param = String(request.params.database_name ?? "app");
  const database = databaseName(safeName(request.namePrefix, "name_prefix"), param);
  return {
    adminUrl,
    database,
    shared: {
      hostname: url.hostname,
      port: Number(url.port || 5432),
      database,
      sslmode: "disable",
    },
  };
}

async function connect(url: string, database?: string): Promise<pg.Client> {
  const u = new URL(url);
  if (database) u.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: u.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError("PRECONDITION_FAILED", `PostgreSQL at ${u.host} is unreachable: ${reason}`);
  }
  return client;
}

interface DesiredRole extends LineGrant {
  statements: string[];
  fingerprint: string;
}

function desiredRoles(request: ProvisionRequest, t: Target): DesiredRole[] {
  return lineGrants(request, OUTPUT, t.shared, "postgresql").map((grant) => {
    const role = safeName(grant.principal, "Role name");
    const statements = (grant.rendered.postgresql?.statements ?? []).map((s) =>
      checkGrantStatement(s, role),
    );
    return { ...grant, principal: role, statements, fingerprint: grantsFingerprint(statements) };
  });
}

function assertOurs(current: Current, t: Target, roles: DesiredRole[], namePrefix: string) {
  if (
    current.databaseComment !== undefined &&
    current.databaseComment !== databaseMarker(namePrefix)
  )
    throw new AppError(
      "CONFLICT",
      `Database ${t.database} exists and is not managed by this instance`,
    );
  for (const { principal } of roles)
    if (current.allRoles.has(principal) && !current.roles.has(principal))
      throw new AppError(
        "CONFLICT",
        `Role ${principal} exists and is not managed by this instance`,
      );
}

async function inTransaction(client: pg.Client, statements: string[]): Promise<void> {
  await client.query("BEGIN");
  try {
    for (const statement of statements) await client.query(statement);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

async function inspect(request: ProvisionRequest) {
  const t = target(request);
  const roles = desiredRoles(request, t);
  const admin = await connect(t.adminUrl);
  try {
    const current = await readCurrent(admin, t.database);
    assertOurs(current, t, roles, request.namePrefix);
    return { t, roles, current, admin };
  } catch (error) {
    await admin.end();
    throw error;
  }
}

async function plan(
  request: ProvisionRequest,
  onLog: LogSink,
  mode: "apply" | "destroy" = "apply",
) {
  const { t, roles, current, admin } = await inspect(request);
  await admin.end();
  const log = systemLog(onLog);
  const list = planChanges(current, t.database, mode === "apply" ? roles : null);
  for (const c of list) log(`${c.action} ${c.resource} (${c.attributes.join(", ")})`);
  log(`Plan: ${list.length} change(s) on database ${t.database}`);
  return { changes: list };
}

async function apply(request: ProvisionRequest, onLog: LogSink) {
  const log = systemLog(onLog);
  const { t, roles, current, admin } = await inspect(request);
  try {
    if (current.databaseComment === undefined) {
      log(`Creating database ${t.database}`);
      await admin.query(`CREATE DATABASE ${q(t.database)}`);
      // CREATE DATABASE cannot share a transaction with its marker: without the marker the
      // next apply would refuse the database as someone else's, so undo rather than keep it.
      await admin
        .query(commentStatement("DATABASE", t.database, databaseMarker(request.namePrefix)))
        .catch(async (error) => {
          await admin.query(`DROP DATABASE ${q(t.database)}`).catch(() => {});
          throw error;
        });
    } else log(`Database ${t.database} exists`);
  } finally {
    await admin.end();
  }
  const db = await connect(t.adminUrl, t.database);
  const lines: Record<string, Record<string, unknown>> = {};
  try {
    await inTransaction(db, closeDatabase(t.database));
    for (const role of roles) {
      request.signal?.throwIfAborted();
      const existed = current.roles.has(role.principal);
      const previous = request.previous?.artifacts[OUTPUT]?.lines[role.line.linkId]?.password;
      const password = existed && typeof previous === "string" ? previous : newPassword();
      await inTransaction(db, [
        roleStatement(existed ? "ALTER" : "CREATE", role.principal, password),
        commentStatement("ROLE", role.principal, roleMarker(t.database, role.fingerprint)),
        ...revokeAll(t.database, role.principal),
        ...role.statements,
      ]);
      log(
        `${existed ? "Updated" : "Created"} role ${role.principal}: ${role.line.policies.join(", ") || "default policy"}`,
      );
      for (const s of role.statements) log(`  ${s}`);
      lines[role.line.linkId] = {
        ...t.shared,
        version: current.version,
        username: role.principal,
        password,
      };
    }
    const wanted = new Set(roles.map((r) => r.principal));
    for (const name of current.roles.keys()) {
      if (wanted.has(name)) continue;
      await inTransaction(db, [`DROP OWNED BY ${q(name)}`, `DROP ROLE ${q(name)}`]);
      log(`Dropped role ${name} (its line was removed)`);
    }
  } finally {
    await db.end();
  }
  return {
    artifacts: {
      [OUTPUT]: {
        shared: { ...t.shared, version: current.version },
        lines,
        sensitive: ["/password"],
      },
    },
  };
}

async function destroy(request: ProvisionRequest, onLog: LogSink) {
  const log = systemLog(onLog);
  const { t, current, admin } = await inspect({ ...request, lines: [] });
  try {
    if (current.databaseComment !== undefined) {
      await admin.query(`DROP DATABASE ${q(t.database)} WITH (FORCE)`);
      log(`Dropped database ${t.database}`);
    }
    // Privileges on the dropped database went with it; the roles own nothing else.
    for (const name of current.roles.keys()) {
      await admin.query(`DROP ROLE ${q(name)}`);
      log(`Dropped role ${name}`);
    }
  } finally {
    await admin.end();
  }
}

/** The database exists, and each line's role exists with exactly its policy's privileges. */
async function drift(request: ProvisionRequest, onLog: LogSink): Promise<DriftItem[]> {
  const log = systemLog(onLog);
  const { t, roles, current, admin } = await inspect(request);
  await admin.end();
  if (current.databaseComment === undefined) {
    log(`Database ${t.database} does not exist`);
    return [
      {
        resource: `postgresql_database.${t.database}`,
        attribute: "exists",
        expected: "true",
        actual: "false",
      },
    ];
  }
  const items: DriftItem[] = [];
  const db = await connect(t.adminUrl, t.database);
  try {
    for (const role of roles) {
      if (!current.roles.has(role.principal)) {
        items.push({
          resource: `postgresql_role.${role.principal}`,
          attribute: "exists",
          expected: "true",
          actual: "false",
        });
        continue;
      }
      items.push(...(await roleDrift(db, t.database, role.principal, role.statements)));
    }
  } finally {
    await db.end();
  }
  log(`Checked database ${t.database} and ${roles.length} role(s): ${items.length} difference(s)`);
  return items;
}

export const localPostgres: Provisioner = { plan, apply, destroy, drift };
