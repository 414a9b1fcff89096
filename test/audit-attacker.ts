// What someone holding the database login can do to the audit trail: as the tables' owner they
// may switch triggers off, rewrite rows, and put the triggers back. Tests use these to show
// what `verify` (and a signed checkpoint) still detect afterwards.
import { createHash } from "node:crypto";
import type { SqlRunner } from "@/server/db/sql-runner";
import { hashedPayload } from "@/server/audit/chain";
import type { ChainedContent } from "@/server/repositories/audit";
import type { Harness } from "./integration";

type Row = ChainedContent & { id: string; prevHash: string; hash: string };

/** The old, unkeyed formula anyone can recompute: sha256(`${prevHash}|${seq}|${payload}`). */
export const plainSha256 = (prevHash: string, seq: number, payload: string) =>
  createHash("sha256").update(`${prevHash}|${seq}|${payload}`).digest("hex");

/** Runs `fn` on one connection with the audit tables' triggers switched off, as their owner can. */
export async function withTriggersOff(
  h: Harness,
  fn: (sql: SqlRunner) => Promise<void>,
): Promise<void> {
  await h.db().session(async (sql) => {
    await sql.exec(
      `ALTER TABLE "AuditEvent" DISABLE TRIGGER USER; ALTER TABLE "AuditChain" DISABLE TRIGGER USER`,
    );
    try {
      await fn(sql);
    } finally {
      await sql.exec(
        `ALTER TABLE "AuditEvent" ENABLE TRIGGER USER; ALTER TABLE "AuditChain" ENABLE TRIGGER USER`,
      );
    }
  });
}

async function hasColumn(sql: SqlRunner, table: string, column: string): Promise<boolean> {
  const rows = await sql.query(
    `SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2`,
    [table, column],
  );
  return rows.length > 0;
}

/**
 * Edits event #`seq`'s `after`, then recomputes the hash of it and of every later event (up to
 * `lastSeq`, by default the newest) with `hashFn` and moves the chain head to the new last hash.
 * Where events carry a hash scheme, the rewritten ones claim `scheme` (a careful attacker labels
 * them so verify applies `hashFn`).
 */
export async function rewriteChain(
  h: Harness,
  chain: string,
  seq: number,
  edit: (after: unknown) => unknown,
  hashFn: (prevHash: string, seq: number, payload: string) => string = plainSha256,
  scheme = "sha256",
  lastSeq?: number,
): Promise<void> {
  const rows = (await h.db().prisma.auditEvent.findMany({
    where: { chain, seq: { gte: seq, lte: lastSeq } },
    orderBy: { seq: "asc" },
  })) as unknown as Row[];
  await withTriggersOff(h, async (sql) => {
    const labelled = await hasColumn(sql, "AuditEvent", "hashScheme");
    let prevHash = rows[0]!.prevHash;
    let headPrev = prevHash;
    for (const row of rows) {
      headPrev = prevHash;
      const content = row.seq === seq ? { ...row, after: edit(row.after) } : row;
      const hash = hashFn(prevHash, row.seq, hashedPayload(content));
      await sql.query(
        `UPDATE "AuditEvent" SET after = $1::jsonb, "prevHash" = $2, hash = $3${labelled ? `, "hashScheme" = $5` : ""} WHERE id = $4`,
        labelled
          ? [JSON.stringify(content.after), prevHash, hash, row.id, scheme]
          : [JSON.stringify(content.after), prevHash, hash, row.id],
      );
      prevHash = hash;
    }
    // The head moves only when it pointed at the last event rewritten.
    await sql.query(
      `UPDATE "AuditChain" SET hash = $1, "prevHash" = $2 WHERE chain = $3 AND seq = $4`,
      [prevHash, headPrev, chain, rows[rows.length - 1]!.seq],
    );
  });
}

/** Keeps a copy of the audit tables, to put the trail back as it was after an attack. */
export async function saveTrail(h: Harness): Promise<() => Promise<void>> {
  await h.db().sql.exec(`DROP TABLE IF EXISTS saved_audit_event, saved_audit_chain;
    CREATE TABLE saved_audit_event AS SELECT * FROM "AuditEvent"; CREATE TABLE saved_audit_chain AS SELECT * FROM "AuditChain"`);
  return () =>
    withTriggersOff(h, async (sql) => {
      await sql.exec(`DELETE FROM "AuditEvent"; INSERT INTO "AuditEvent" SELECT * FROM saved_audit_event;
        DELETE FROM "AuditChain"; INSERT INTO "AuditChain" SELECT * FROM saved_audit_chain;
        DROP TABLE saved_audit_event, saved_audit_chain`);
    });
}
