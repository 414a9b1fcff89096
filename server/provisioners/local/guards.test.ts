// The guards between a name or a policy template and the SQL / ACL that runs: nothing a
// param, slot or artifact type holds can escape its quotes or widen what a line grants.
import { describe, expect, it } from "vitest";
import { linkUserName } from "@/server/domain/access/grantee";
import { realType } from "@/test/real-catalog";
import { line, request } from "@/test/provision-request";
import { lineGrants } from "./line-grants";
import { databaseName, safeName } from "./names";
import { checkGrantStatement, parseRoleMarker, roleMarker } from "./postgres-sql";
import { aclRules, instanceKeyPrefix, scopedUser } from "./redis-acl";

describe("names", () => {
  it("accepts lowercase names and refuses quotes, spaces, upper case and long names", () => {
    expect(safeName("shop-local-api-ab12-database", "Role")).toBe("shop-local-api-ab12-database");
    for (const bad of ['x"; DROP ROLE postgres; --', "a b", "Admin", "", "x".repeat(64), "ü"])
      expect(() => safeName(bad, "Role")).toThrow(/lowercase letters/);
  });

  it("derives a per-instance database name that fits 63 characters", () => {
    expect(databaseName("shop-local-db-ab12", "app")).toBe("shop_local_db_ab12_app");
    const long = databaseName("a".repeat(40), "b".repeat(40));
    expect(long).toHaveLength(63);
    expect(long).not.toBe(databaseName("a".repeat(40), `${"b".repeat(39)}c`));
  });
});

describe("postgres statements", () => {
  const role = "shop-local-api-ab12-database";
  it("lets a GRANT to the line's role through", () => {
    const ok = `GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO "${role}"`;
    expect(checkGrantStatement(ok, role)).toBe(ok);
    const dflt = `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO "${role}"`;
    expect(checkGrantStatement(dflt, role)).toBe(dflt);
  });

  it("refuses anything else", () => {
    for (const bad of [
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO "someone-else"`,
      `GRANT SELECT ON ALL TABLES IN SCHEMA public TO "x", "${role}"`,
      `GRANT SELECT ON t TO "${role}"; DROP DATABASE x; GRANT SELECT ON t TO "${role}"`,
      `ALTER ROLE "${role}" SUPERUSER TO "${role}"`,
      `GRANT pg_read_server_files TO "${role}"`,
    ])
      expect(() => checkGrantStatement(bad, role)).toThrow(/Refusing policy statement/);
  });

  it("reads back only its own markers", () => {
    expect(parseRoleMarker(roleMarker("db_app", "abc"))).toEqual({
      database: "db_app",
      grants: "abc",
    });
    expect(parseRoleMarker("a human's comment")).toBeNull();
    expect(parseRoleMarker(null)).toBeNull();
  });

  it("renders a line's statements exactly as the Access tab does", () => {
    const req = request("local-postgres-database", "shop-local-db-ab12", {
      lines: [line("database", "shop-local-api-cd34", ["read-only"])],
    });
    const [grant] = lineGrants(
      req,
      "database",
      { database: "shop_local_db_ab12_app" },
      "postgresql",
    );
    expect(grant!.principal).toBe(linkUserName("shop-local-api-cd34", "database"));
    expect(grant!.rendered.postgresql!.statements).toEqual(
      realType("postgresql").policies[0]!.grants.postgresql!.statements.map((s) =>
        s
          .replace("{{artifact.database}}", "shop_local_db_ab12_app")
          .replace("{{grantee.name}}", "shop-local-api-cd34-database"),
      ),
    );
  });

  it("refuses a policy the type does not offer", () => {
    const req = request("local-postgres-database", "shop-local-db-ab12", {
      lines: [line("database", "shop-local-api-cd34", ["superuser"])],
    });
    expect(() => lineGrants(req, "database", { database: "d" }, "postgresql")).toThrow(
      /"superuser" not offered by postgresql/,
    );
  });
});

describe("redis ACL rules", () => {
  const prefix = instanceKeyPrefix("shop-local-cache-ab12", "app:");
  it("scopes the key prefix to the instance and refuses patterns", () => {
    expect(prefix).toBe("shop-local-cache-ab12:app:");
    expect(() => instanceKeyPrefix("x", "app:* ~*")).toThrow(/may hold only/);
  });

  it("passes the policies the redis type declares", () => {
    for (const policy of realType("redis").policies) {
      const acl = policy.grants.redis!.acl.replace("{{artifact.key_prefix}}", prefix);
      expect(aclRules(acl, prefix)).toEqual(acl.split(" "));
    }
  });

  it("refuses passwords, other keys, nopass and admin categories", () => {
    for (const bad of [">secret", "~*", "allkeys", "nopass", "~other:*", "&*", "+@all", "+@admin"])
      expect(() => aclRules(`on ~${prefix}* ${bad}`, prefix)).toThrow(/Refusing ACL/);
  });

  it("recognises users scoped to the instance in ACL LIST", () => {
    expect(scopedUser(`user u1 on #ab ~${prefix}* resetchannels -@all +@read`, prefix)).toBe("u1");
    expect(scopedUser("user default on nopass ~* &* +@all", prefix)).toBeNull();
  });
});
