// Fuzz: every procedure gets 1,000 generated hostile inputs (test/hostile.ts; a quarter on the
// embedded database when PostgreSQL is under test too) from a developer, a viewer and a member
// of another organization. Every answer is a refusal with a message (never a server error) or
// a normal answer; a refused call writes no row — counted by a row trigger on every table but
// the audit trail, installed for this suite only.
import { TRPCError } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportFigures } from "@/test/figures";
import { type DatabaseKind, forEachDatabase, ONE_DATABASE, snapshot } from "@/test/integration";
import { hostileInput } from "@/test/hostile";
import {
  callProcedure,
  type Fixture,
  loadFixture,
  PROCEDURES,
  procedureType,
} from "@/test/procedures";
import { appRouter } from "./root";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
// Input validation and refusals do not depend on the database kind: PostgreSQL (what
// production uses; ONE_DATABASE) gets every input, the embedded database a quarter of them
// (same seed, so the same first quarter) — enough to catch a query only one kind rejects.
const runsOn = (kind: DatabaseKind) => (kind === ONE_DATABASE[0] ? RUNS : Math.ceil(RUNS / 4));
const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
// Written by refused calls by design: who was refused (audit) and nothing else.
const UNCOUNTED = ["AuditEvent", "AuditChain", "_prisma_migrations", "fuzz_writes"];

const figures = {
  procedures: 0,
  inputs: 0,
  accepted: 0,
  refused: 0,
  serverErrors: 0,
  rowsWrittenByRefusedCalls: 0,
  tablesChangedByQueryBatches: 0,
};

forEachDatabase("fuzz", (h) => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await loadFixture(h);
    const sql = h.db().sql;
    await sql.query(`CREATE TABLE fuzz_writes (n bigint NOT NULL)`);
    await sql.query(`INSERT INTO fuzz_writes VALUES (0)`);
    await sql.query(
      `CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE fuzz_writes SET n = n + 1; RETURN NULL; END $$`,
    );
    const tables = await sql.query<{ name: string }>(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    for (const { name } of tables.filter((t) => !UNCOUNTED.includes(t.name))) {
      await sql.query(
        `CREATE TRIGGER fuzz_count AFTER INSERT OR UPDATE OR DELETE ON "${name}" FOR EACH ROW EXECUTE FUNCTION fuzz_count()`,
      );
    }
  });

  const writes = async () =>
    Number((await h.db().sql.query<{ n: string }>(`SELECT n::text AS n FROM fuzz_writes`))[0]!.n);

  const only = process.env.FUZZ_ONLY?.split(",");
  for (const path of Object.keys(PROCEDURES).filter((p) => !only || only.includes(p))) {
    const runs = runsOn(h.kind);
    it(`${path}: ${runs} hostile inputs, no server error, refusals write nothing`, async () => {
      const callers = [
        await h.as("dev@acme.test"),
        await h.as("viewer@acme.test"),
        await h.as("owner@globex.test"),
      ];
      const base = await PROCEDURES[path]!.input(fx);
      const inputs = fc.sample(fc.tuple(hostileInput(base, fx), fc.constantFrom(0, 0, 0, 1, 2)), {
        numRuns: runs,
        seed: SEED,
      });
      const problems: string[] = [];
      const before = await snapshot(h.db(), UNCOUNTED);
      let accepted = 0;
      // A query writes no row even when it answers, so for queries the snapshot after the
      // batch is the whole check; a mutation's writes are counted call by call.
      const mutation = procedureType(appRouter, path) === "mutation";
      let count = mutation ? await writes() : 0;
      for (const [input, who] of inputs) {
        const outcome = await callProcedure(callers[who]!, path, input).then(
          () => null,
          (error: unknown) => error,
        );
        const now = mutation ? await writes() : 0;
        if (outcome === null) {
          accepted++;
        } else if (
          !(outcome instanceof TRPCError) ||
          outcome.code === "INTERNAL_SERVER_ERROR" ||
          !outcome.message
        ) {
          figures.serverErrors++;
          problems.push(
            `server error: ${String((outcome as Error)?.message).slice(0, 200)} for ${preview(input)}`,
          );
        } else if (now !== count) {
          figures.rowsWrittenByRefusedCalls += now - count;
          problems.push(
            `refused (${outcome.code}) but wrote ${now - count} rows: ${preview(input)}`,
          );
        }
        count = now;
      }
      figures.procedures++;
      figures.inputs += inputs.length;
      figures.accepted += accepted;
      figures.refused += inputs.length - accepted;
      expect(problems.slice(0, 5)).toEqual([]);
      // With nothing accepted (or only queries), every table but the audit trail is exactly as it
      // was.
      if (accepted === 0 || !mutation) {
        const after = await snapshot(h.db(), UNCOUNTED);
        const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
        if (mutation) figures.rowsWrittenByRefusedCalls += changed.length;
        else figures.tablesChangedByQueryBatches += changed.length;
        expect(changed).toEqual([]);
      }
    }, 120_000);
  }
});

function preview(input: unknown): string {
  try {
    return (
      JSON.stringify(input, (_k, v) =>
        typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : v,
      )?.slice(0, 300) ?? String(input)
    );
  } catch {
    return String(input).slice(0, 300);
  }
}

afterAll(() => {
  reportFigures("fuzz", figures);
});
