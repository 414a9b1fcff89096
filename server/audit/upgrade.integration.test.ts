// A database written before keyed hashing: its events keep their plain SHA-256 hashes, the
// chain carries on keyed after the upgrade, verify reports which part is which — and the plain
// part is covered by the first keyed event, so rewriting it is still detected.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDatabase, type Database } from "@/server/db";
import { migrate, readMigrations } from "@/server/db/migrate";
import { openTestDatabase, TEST_DATABASES, type Harness } from "@/test/integration";
import { rewriteChain } from "@/test/audit-attacker";
import { hashedPayload } from "./chain";
import { GENESIS_HASH } from "./types";
import { verifyChain } from "./verify";
import { auditedWrite } from "../changes/audited-write";

const KEYED_CHAIN_MIGRATION = "20261203130548_audit_keyed_chain";

// The append statement as it was before keyed hashing (the hash computed in SQL, plain SHA-256).
const LEGACY_APPEND = `
WITH head AS (
  INSERT INTO "AuditChain" (chain, seq, "prevHash", hash)
  VALUES ($1::text, 1, $2::text, encode(sha256(convert_to($2::text || '|1|' || $3::text, 'UTF8')), 'hex'))
  ON CONFLICT (chain) DO UPDATE SET
    seq = "AuditChain".seq + 1,
    "prevHash" = "AuditChain".hash,
    hash = encode(sha256(convert_to("AuditChain".hash || '|' || ("AuditChain".seq + 1)::text || '|' || $3::text, 'UTF8')), 'hex')
  RETURNING seq, "prevHash", hash
)
INSERT INTO "AuditEvent" (id, chain, seq, at, "organizationId", "actorType", "actorLabel", action, outcome, "targetType", after, "prevHash", hash)
SELECT $4::text, $1::text, head.seq, $5::timestamp(3), $1::text, 'system', 'seed', 'project.updated', 'success', 'project', $6::jsonb,
  head."prevHash", head.hash
FROM head`;

const CHAIN = "org-before-upgrade";

async function legacyAppend(database: Database, n: number): Promise<void> {
  const at = new Date(Date.UTC(2026, 10, 20, 12, 0, n));
  const after = { description: `before the upgrade ${n}` };
  const content = {
    chain: CHAIN,
    seq: 0,
    at,
    organizationId: CHAIN,
    actorType: "system",
    actorId: null,
    actorLabel: "seed",
    actorRole: null,
    action: "project.updated",
    outcome: "success",
    targetType: "project",
    targetId: null,
    projectId: null,
    environmentId: null,
    componentId: null,
    before: null,
    after,
    requestId: null,
    ip: null,
    userAgent: null,
  };
  await database.sql.query(LEGACY_APPEND, [
    CHAIN,
    GENESIS_HASH,
    hashedPayload(content),
    randomUUID(),
    at.toISOString(),
    JSON.stringify(after),
  ]);
}

for (const kind of TEST_DATABASES) {
  describe(`a chain written before keyed hashing [${kind}]`, () => {
    let database: Database;
    let drop: (() => Promise<void>) | undefined;
    const h = { kind, db: () => database } as Harness;
    beforeAll(async () => {
      ({ database, drop } = await openTestDatabase(kind));
      const files = readMigrations();
      const upgrade = files.findIndex((f) => f.name === KEYED_CHAIN_MIGRATION);
      expect(upgrade).toBeGreaterThan(0);
      await database.session((sql) => migrate(sql, files.slice(0, upgrade)));
      for (let n = 1; n <= 3; n++) await legacyAppend(database, n);
      await database.session((sql) => migrate(sql, files));
      const ctx = { actor: { type: "system" as const, label: "after the upgrade" }, meta: {} };
      for (let n = 4; n <= 5; n++) {
        await auditedWrite(ctx, async () => ({
          result: null,
          touched: [],
          audit: {
            organizationId: CHAIN,
            action: "project.updated",
            target: { type: "project" },
            after: { n },
          },
        }));
      }
    });
    afterAll(async () => {
      await database?.close();
      registerDatabase(undefined);
      await drop?.();
    });

    it("verifies, and says which events are keyed", async () => {
      const schemes = await database.prisma.auditEvent.findMany({
        where: { chain: CHAIN },
        orderBy: { seq: "asc" },
        select: { hashScheme: true },
      });
      expect(schemes.map((s) => s.hashScheme)).toEqual([
        "sha256",
        "sha256",
        "sha256",
        "hmac-sha256",
        "hmac-sha256",
      ]);
      expect(await verifyChain(CHAIN)).toMatchObject({
        ok: true,
        checked: 5,
        headSeq: 5,
        keyedFrom: 4,
      });
    });

    it("a rewrite of the plain part is caught by the first keyed event", async () => {
      // Recomputed with the plain formula up to the last plain event: the keyed #4 no longer
      // follows.
      await rewriteChain(
        h,
        CHAIN,
        2,
        (after) => ({ ...(after as object), description: "rewritten" }),
        undefined,
        "sha256",
        3,
      );
      expect(await verifyChain(CHAIN)).toMatchObject({
        ok: false,
        firstBad: { seq: 4, reason: "event #4 does not follow event #3 (removed or reordered)" },
      });
    });
  });
}
