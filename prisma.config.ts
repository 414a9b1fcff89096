// Prisma CLI configuration. The CLI runs fully offline: the JS/Wasm schema engine talks to an
// in-memory PGlite (never the app's data directory: the CLI does not close PGlite cleanly).
// Migrations are authored with `npm run db:migration -- NAME` and applied by our own runner
// (server/db/migrate.ts) at start-up, on PGlite and PostgreSQL alike.
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_CLI_DATABASE_URL ??= "postgresql://cli-placeholder@localhost/none";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  engine: "js",
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
