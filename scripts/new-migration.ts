// `npm run db:migration -- NAME`: writes prisma/migrations/<UTC stamp>_NAME/migration.sql with
// the SQL that takes the committed schema (git HEAD's prisma/schema.prisma, which the existing
// migrations produce) to the working copy. Diffing two schema files needs no shadow database:
// Prisma's shadow database on PGlite goes through the prepared-statement path, which refuses
// our multi-statement migrations.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error(
    "usage: npm run db:migration -- NAME   (NAME: lowercase letters, digits, underscores)",
  );
  process.exit(2);
}
const previous = path.join(mkdtempSync(path.join(tmpdir(), "patchbay-schema-")), "schema.prisma");
writeFileSync(
  previous,
  execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { encoding: "utf8" }),
);
const sql = execFileSync(
  "npx",
  [
    "prisma",
    "migrate",
    "diff",
    "--from-schema-datamodel",
    previous,
    "--to-schema-datamodel",
    "prisma/schema.prisma",
    "--script",
  ],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") {
  console.log("schema.prisma matches the migrations: nothing to write");
  process.exit(0);
}
// Names sort in apply order: never earlier than the newest existing migration.
const existing = readdirSync(path.join("prisma", "migrations"))
  .filter((d) => /^\d{14}_/.test(d))
  .sort();
const newest = Number(existing.at(-1)?.slice(0, 14) ?? 0);
const now = Number(new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14));
const stamp = String(Math.max(now, newest + 100));
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`wrote ${dir}/migration.sql`);
