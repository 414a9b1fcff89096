// What local-postgres-database finds on the server, and what a plan would change from there.
// The markers Patchbay leaves on its database and roles are the state: nothing is kept aside.
import type pg from "pg";
import type { ResourceChange } from "../types";
import { parseRoleMarker } from "./postgres-sql";

export interface Current {
  /** Null: no database of that name. */
  databaseComment: string | null | undefined;
  version: string;
  /** Roles Patchbay made for this database → grants fingerprint. */
  roles: Map<string, string>;
  /** Every role name on the server (to refuse taking over one we did not make). */
  allRoles: Set<string>;
}

export async function readCurrent(admin: pg.Client, database: string): Promise<Current> {
  const db = await admin.query<{ comment: string | null }>(
    "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1",
    [database],
  );
  const roles = await admin.query<{ rolname: string; comment: string | null }>(
    "SELECT rolname, shobj_description(oid, 'pg_authid') AS comment FROM pg_roles",
  );
  const version = await admin.query<{ v: string }>(
    "SELECT current_setting('server_version_num') AS v",
  );
  const ours = new Map<string, string>();
  for (const { rolname, comment } of roles.rows) {
    const marker = parseRoleMarker(comment);
    if (marker?.database === database) ours.set(rolname, marker.grants);
  }
  return {
    databaseComment: db.rows.length === 0 ? undefined : db.rows[0]!.comment,
    version: String(Math.floor(Number(version.rows[0]!.v) / 10000)),
    roles: ours,
    allRoles: new Set(roles.rows.map((r) => r.rolname)),
  };
}

/**
 * The changes an apply (given the wanted roles) or a destroy (`null`) would make: a role
 * whose grants fingerprint differs gets its privileges updated, an unwanted one is deleted.
 */
export function planChanges(
  current: Current,
  database: string,
  roles: readonly { principal: string; fingerprint: string }[] | null,
): ResourceChange[] {
  const exists = current.databaseComment !== undefined;
  if (roles === null)
    return [
      ...(exists
        ? [
            {
              action: "delete" as const,
              resource: `postgresql_database.${database}`,
              attributes: ["name"],
            },
          ]
        : []),
      ...[...current.roles.keys()].map((name) => ({
        action: "delete" as const,
        resource: `postgresql_role.${name}`,
        attributes: ["login", "privileges"],
      })),
    ];
  return changes(current, database, roles);
}

function changes(
  current: Current,
  database: string,
  roles: readonly { principal: string; fingerprint: string }[],
): ResourceChange[] {
  const out: ResourceChange[] = [];
  if (current.databaseComment === undefined)
    out.push({
      action: "create",
      resource: `postgresql_database.${database}`,
      attributes: ["name", "owner"],
    });
  for (const role of roles) {
    const had = current.roles.get(role.principal);
    if (had === undefined) {
      out.push({
        action: "create",
        resource: `postgresql_role.${role.principal}`,
        attributes: ["login", "password"],
      });
      out.push({
        action: "create",
        resource: `postgresql_grant.${role.principal}`,
        attributes: ["privileges"],
      });
    } else if (had !== role.fingerprint)
      out.push({
        action: "update",
        resource: `postgresql_grant.${role.principal}`,
        attributes: ["privileges"],
      });
  }
  const wanted = new Set(roles.map((r) => r.principal));
  for (const name of current.roles.keys())
    if (!wanted.has(name))
      out.push({
        action: "delete",
        resource: `postgresql_role.${name}`,
        attributes: ["login", "privileges"],
      });
  return out;
}
