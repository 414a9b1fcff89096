// A database written while link policy choices lived on the consumer's instance
// (Instance.linkPolicies, keyed by link id): the migration moves every choice of a link still
// on the diagram into its LinkPolicy row, drops those of links gone since or not into that
// instance's component, and removes the instance column.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDatabase, type Database } from "@/server/db";
import { migrate, readMigrations } from "@/server/db/migrate";
import { openTestDatabase, TEST_DATABASES } from "@/test/integration";

const LINK_POLICIES_MIGRATION = "20261203160958_link_policies_on_links";

// Rows as the schema had them before the migration: raw SQL, since the Prisma client knows only
// the new schema.
const BEFORE = `
INSERT INTO "Organization" (id, slug, name) VALUES ('org', 'org', 'Org');
INSERT INTO "Project" (id, "organizationId", slug, name, "updatedAt") VALUES ('p', 'org', 'p', 'P', now());
INSERT INTO "Environment" (id, "projectId", slug, name) VALUES
  ('staging', 'p', 'staging', 'Staging'), ('production', 'p', 'production', 'Production');
INSERT INTO "Component" (id, "projectId", name, "bundleName", "versionConstraint", "updatedAt") VALUES
  ('db', 'p', 'db', 'pg', '1.0.0', now()), ('api', 'p', 'api', 'app', '1.0.0', now()),
  ('worker', 'p', 'worker', 'app', '1.0.0', now());
INSERT INTO "Link" (id, "projectId", "fromComponentId", "fromArtifact", "toComponentId", "toSlot", policies) VALUES
  ('l-api', 'p', 'db', 'database', 'api', 'database', ARRAY['read-only']),
  ('l-worker', 'p', 'db', 'database', 'worker', 'database', ARRAY['read-only']);
INSERT INTO "Instance" (id, "projectId", "componentId", "environmentId", "linkPolicies", "updatedAt") VALUES
  ('i1', 'p', 'api', 'production', '{"l-api": ["read-write"], "l-gone": ["admin"], "l-worker": ["admin"]}', now()),
  ('i2', 'p', 'api', 'staging', '{}', now()),
  ('i3', 'p', 'worker', 'staging', '{"l-worker": ["read-only", "read-write"], "l-bad": "admin"}', now()),
  ('i4', 'p', 'worker', 'production', '[]', now());
`;

for (const kind of TEST_DATABASES) {
  describe(`link policy choices written on instances [${kind}]`, () => {
    let database: Database;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
      const files = readMigrations();
      const upgrade = files.findIndex((f) => f.name === LINK_POLICIES_MIGRATION);
      expect(upgrade).toBeGreaterThan(0);
      await database.session((sql) => migrate(sql, files.slice(0, upgrade)));
      for (const statement of BEFORE.split(";\n").filter((s) => s.trim()))
        await database.sql.query(statement);
      await database.session((sql) => migrate(sql, files));
    });
    afterAll(async () => {
      await database?.close();
      registerDatabase(undefined);
      await drop?.();
    });

    it("moves each choice onto its link, per environment, and drops the ones no link owns", async () => {
      const rows = await database.prisma.linkPolicy.findMany({
        select: { linkId: true, environmentId: true, policies: true },
        orderBy: [{ linkId: "asc" }, { environmentId: "asc" }],
      });
      expect(rows).toEqual([
        { linkId: "l-api", environmentId: "production", policies: ["read-write"] },
        { linkId: "l-worker", environmentId: "staging", policies: ["read-only", "read-write"] },
      ]);
      const columns = await database.sql.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'Instance'`,
      );
      expect(columns.map((c) => c.name)).not.toContain("linkPolicies");
    });
  });
}
