// The SQL of local-postgres-database that is not a policy's own statements: markers that say
// which database and roles Patchbay manages (so nothing else is ever altered or dropped), the
// revocation that makes a role's privileges exactly its policy's, and the guard every policy
// statement passes before it runs.
import { escapeIdentifier, escapeLiteral } from "pg";
import { AppError } from "../../domain/errors";

const MARK = "patchbay:local-postgres-database";

export const databaseMarker = (namePrefix: string) => `${MARK} instance=${namePrefix}`;

export const roleMarker = (database: string, fingerprint: string) =>
  `${MARK} database=${database} grants=${fingerprint}`;

/** The database and fingerprint a role's comment names; null for a role Patchbay did not make. */
export function parseRoleMarker(
  comment: string | null,
): { database: string; grants: string } | null {
  const match = comment?.match(/^patchbay:local-postgres-database database=(\S+) grants=(\S+)$/);
  return match ? { database: match[1]!, grants: match[2]! } : null;
}

export const q = escapeIdentifier;

/** A login role with no powers of its own: everything it may do comes from its grants. */
export function roleStatement(verb: "CREATE" | "ALTER", role: string, password: string) {
  return `${verb} ROLE ${q(role)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS PASSWORD ${escapeLiteral(password)}`;
}

export function commentStatement(kind: "ROLE" | "DATABASE", name: string, comment: string) {
  return `COMMENT ON ${kind} ${q(name)} IS ${escapeLiteral(comment)}`;
}

/**
 * Revokes everything a policy can grant, so re-granting the chosen policy leaves exactly its
 * privileges (a read-write line switched to read-only loses INSERT on every table).
 */
export function revokeAll(database: string, role: string): string[] {
  const r = q(role);
  return [
    `REVOKE ALL ON DATABASE ${q(database)} FROM ${r}`,
    `REVOKE ALL ON SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${r}`,
    `REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON FUNCTIONS FROM ${r}`,
  ];
}

/**
 * A new database is closed to everyone but the roles granted CONNECT (PostgreSQL gives PUBLIC
 * CONNECT and TEMPORARY on every new database, and CREATE on `public` before version 15).
 */
export const closeDatabase = (database: string) => [
  `REVOKE ALL ON DATABASE ${q(database)} FROM PUBLIC`,
  "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
];

const ALLOWED = /^(GRANT|ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT) [A-Z, ]+ ON /;

/**
 * A policy statement as artifact types declare them: one GRANT (or default privilege) to the
 * line's own role. The names inside were checked by `safeName`; this refuses anything else a
 * type might carry (a second statement, a comment, a grant to someone else).
 */
export function checkGrantStatement(statement: string, role: string): string {
  const grantee = ` TO ${q(role)}`;
  const oneGrantee = statement.indexOf(" TO ") === statement.length - grantee.length;
  if (
    !ALLOWED.test(statement) ||
    !statement.endsWith(grantee) ||
    !oneGrantee ||
    /;|--|\/\*/.test(statement)
  )
    throw new AppError(
      "BAD_REQUEST",
      `Refusing policy statement "${statement}": only a GRANT to the line's role ${q(role)} may run`,
    );
  return statement;
}
