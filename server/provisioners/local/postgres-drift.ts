// Drift of local-postgres-database: what a line's role may do now against what its policy
// grants. The expected privileges are not parsed out of the policy's SQL: the very statements
// an apply runs (revoke everything, then the policy's grants) run inside a transaction that is
// rolled back, and the privileges read inside it are the expected ones. So the comparison can
// never disagree with what an apply would leave, and the check changes nothing.
import type pg from "pg";
import type { DriftItem } from "../types";
import { q, revokeAll } from "./postgres-sql";

/** Object (`table public.notes`, `database shop`, …) → its privileges, sorted, comma-joined. */
type Privileges = Map<string, string>;

const PRIVILEGES_SQL = `
  WITH r AS (SELECT $1::regrole::oid AS oid)
  SELECT 'database ' || d.datname AS object, a.privilege_type AS privilege
    FROM pg_database d, aclexplode(d.datacl) a, r
    WHERE d.datname = current_database() AND a.grantee = r.oid
  UNION ALL
  SELECT 'schema ' || n.nspname, a.privilege_type
    FROM pg_namespace n, aclexplode(n.nspacl) a, r
    WHERE n.nspname = 'public' AND a.grantee = r.oid
  UNION ALL
  SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' ELSE 'table ' END || n.nspname || '.' || c.relname,
      a.privilege_type
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a, r
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND a.grantee = r.oid
  UNION ALL
  SELECT 'function ' || n.nspname || '.' || p.proname, a.privilege_type
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace, aclexplode(p.proacl) a, r
    WHERE n.nspname = 'public' AND a.grantee = r.oid
  UNION ALL
  SELECT 'default privileges on ' || CASE da.defaclobjtype WHEN 'r' THEN 'tables'
      WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions' ELSE 'other objects' END,
      a.privilege_type
    FROM pg_default_acl da JOIN pg_namespace n ON n.oid = da.defaclnamespace,
      aclexplode(da.defaclacl) a, r
    WHERE n.nspname = 'public' AND a.grantee = r.oid`;

async function readPrivileges(db: pg.Client, role: string): Promise<Privileges> {
  const { rows } = await db.query<{ object: string; privilege: string }>(PRIVILEGES_SQL, [q(role)]);
  const by = new Map<string, Set<string>>();
  for (const { object, privilege } of rows) {
    const set = by.get(object) ?? new Set<string>();
    set.add(privilege);
    by.set(object, set);
  }
  return new Map([...by].map(([object, set]) => [object, [...set].sort().join(", ")]));
}

/** The privileges an apply would leave `role` with: its statements run, then rolled back. */
async function expectedPrivileges(
  db: pg.Client,
  database: string,
  role: string,
  statements: readonly string[],
): Promise<Privileges> {
  await db.query("BEGIN");
  try {
    for (const statement of [...revokeAll(database, role), ...statements])
      await db.query(statement);
    return await readPrivileges(db, role);
  } finally {
    await db.query("ROLLBACK").catch(() => {});
  }
}

/** One item per object whose privileges differ (`(none)` where the role has none). */
export async function roleDrift(
  db: pg.Client,
  database: string,
  role: string,
  statements: readonly string[],
): Promise<DriftItem[]> {
  const actual = await readPrivileges(db, role);
  const expected = await expectedPrivileges(db, database, role, statements);
  const objects = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return objects
    .filter((object) => expected.get(object) !== actual.get(object))
    .map((object) => ({
      resource: `postgresql_role.${role}`,
      attribute: `privileges (${object})`,
      expected: expected.get(object) ?? "(none)",
      actual: actual.get(object) ?? "(none)",
    }));
}
