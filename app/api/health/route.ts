import { db } from "@/server/db";
import { migrationStatus } from "@/server/db/migrate";

export const dynamic = "force-dynamic";

/** Liveness + readiness: database mode and whether every migration is applied. */
export async function GET() {
  try {
    const database = db();
    const migrations = await migrationStatus(database.sql);
    return Response.json(
      {
        status: migrations.current ? "ok" : "migrations-pending",
        database: { mode: database.mode, location: database.location },
        migrations,
      },
      { status: migrations.current ? 200 : 503 },
    );
  } catch (error) {
    return Response.json({ status: "error", message: (error as Error).message }, { status: 503 });
  }
}
