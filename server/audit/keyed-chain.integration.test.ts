// The chain against whoever holds the database login: they can switch triggers off and
// rewrite rows, but without the key (which is not in the database) they cannot recompute
// keyed hashes, so verify still finds the first event they touched. And the chain head only
// moves forward, onto an event that was inserted.
import { createHmac, randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { rewriteChain, saveTrail } from "@/test/audit-attacker";
import { derivedKey } from "@/server/crypto/cipher";
import { KEYED_SCHEME } from "./chain";
import { verifyChain } from "./verify";
import { appendAuditEvent } from "./event";
import { recordAuditEvent } from "./write";

async function acmeId(h: Harness): Promise<string> {
  const org = await h
    .db()
    .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
  return org.id;
}

/** Everything, the audit tables included. */
const everything = (h: Harness) => snapshot(h.db(), ["_prisma_migrations"]);

forEachDatabase("keyed audit chain", (h) => {
  let restore: () => Promise<void>;
  beforeAll(async () => {
    // A trail worth attacking: a few ordinary changes after the seed.
    const dev = await h.as("dev@acme.test");
    const project = await h
      .db()
      .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
    for (let i = 0; i < 6; i++)
      await dev.project.update({ projectId: project.id, description: `revision ${i}` });
  });
  beforeEach(async () => {
    restore = await saveTrail(h);
  });
  afterEach(async () => {
    await restore();
    expect((await verifyChain(await acmeId(h))).ok).toBe(true);
  });

  it("every event written now is keyed, and verify says so", async () => {
    const chain = await acmeId(h);
    const schemes = await h
      .db()
      .prisma.auditEvent.groupBy({ by: ["hashScheme"], where: { chain }, _count: true });
    expect(schemes.map((s) => s.hashScheme)).toEqual([KEYED_SCHEME]);
    expect(await verifyChain(chain)).toMatchObject({ ok: true, keyedFrom: 1 });
  });

  it("a full rewrite with recomputed plain SHA-256 hashes is detected, naming the first bad event", async () => {
    const chain = await acmeId(h);
    const before = await verifyChain(chain);
    expect(before.ok).toBe(true);
    expect(before.headSeq).toBeGreaterThan(5);
    // The attacker labels the rewritten events plain, so verify would apply the formula they used.
    await rewriteChain(h, chain, 3, (after) => ({
      ...(after as object),
      rewritten: "by the database owner",
    }));
    const result = await verifyChain(chain);
    expect(result).toMatchObject({
      ok: false,
      firstBad: {
        seq: 3,
        reason: expect.stringMatching(
          /plain SHA-256 hash, but keyed hashing began at event #1: it was rewritten/,
        ),
      },
    });
  });

  it("the same rewrite keeping the keyed label is detected at the same event", async () => {
    const chain = await acmeId(h);
    await rewriteChain(
      h,
      chain,
      3,
      (after) => ({ ...(after as object), rewritten: true }),
      undefined,
      KEYED_SCHEME,
    );
    expect(await verifyChain(chain)).toMatchObject({
      ok: false,
      firstBad: {
        seq: 3,
        reason: expect.stringMatching(
          /event #3 was altered: its content does not match its keyed hash$/,
        ),
      },
    });
  });

  it("an attacker who knows the algorithm but not the key cannot forge", async () => {
    const chain = await acmeId(h);
    // HMAC-SHA256 exactly as the server computes it, under every key they might try: a random
    // one, and HKDF of a guessed secret key with our derivation label.
    for (const guess of [randomBytes(32), derivedKey("audit-chain", randomBytes(32))]) {
      const hmac = (prev: string, seq: number, payload: string) =>
        createHmac("sha256", guess).update(`${prev}|${seq}|${payload}`).digest("hex");
      await rewriteChain(
        h,
        chain,
        4,
        (after) => ({ ...(after as object), description: "forged" }),
        hmac,
        KEYED_SCHEME,
      );
      expect(await verifyChain(chain)).toMatchObject({
        ok: false,
        firstBad: { seq: 4, reason: expect.stringMatching(/event #4 was altered/) },
      });
    }
  });

  it("the chain head refuses a direct UPDATE that does not match an inserted event, and nothing changes", async () => {
    const chain = await acmeId(h);
    const [head] = await h
      .db()
      .sql.query<{ seq: number; hash: string; prevHash: string }>(
        `SELECT seq, hash, "prevHash" FROM "AuditChain" WHERE chain = $1`,
        [chain],
      );
    const before = await everything(h);
    const events = await auditCount(h.db());
    const forged = randomBytes(32).toString("hex");
    const attempts = [
      // rewind to the previous event (cutting the newest one off)
      [
        `UPDATE "AuditChain" SET seq = seq - 1, hash = "prevHash" WHERE chain = $1`,
        /may only advance by one event/,
      ],
      // advance onto an event that does not exist
      [
        `UPDATE "AuditChain" SET seq = seq + 1, "prevHash" = hash, hash = '${forged}' WHERE chain = $1`,
        /must point at an inserted event/,
      ],
      // keep the number, swap the hash
      [
        `UPDATE "AuditChain" SET hash = '${forged}' WHERE chain = $1`,
        /may only advance by one event/,
      ],
      [`DELETE FROM "AuditChain" WHERE chain = $1`, /heads are kept: DELETE refused/],
    ] as const;
    for (const [sql, message] of attempts)
      await expect(h.db().sql.query(sql, [chain])).rejects.toThrow(message);
    await expect(h.db().sql.exec(`TRUNCATE "AuditChain"`)).rejects.toThrow(
      /heads are kept: TRUNCATE refused/,
    );
    // Pointing the head at a forged event inserted for it passes the trigger (it is an append)
    // but not verify: the forged event has no valid keyed hash.
    expect(await everything(h)).toEqual(before);
    expect(await auditCount(h.db())).toBe(events);
    const [after] = await h
      .db()
      .sql.query(`SELECT seq, hash, "prevHash" FROM "AuditChain" WHERE chain = $1`, [chain]);
    expect(after).toEqual(head);
  });

  it("a forged event appended with the head advanced onto it fails verify", async () => {
    const chain = await acmeId(h);
    const [head] = await h
      .db()
      .sql.query<{ seq: number; hash: string }>(
        `SELECT seq, hash FROM "AuditChain" WHERE chain = $1`,
        [chain],
      );
    const forged = randomBytes(32).toString("hex");
    await h
      .db()
      .sql.exec(`INSERT INTO "AuditEvent" (id, chain, seq, "organizationId", "actorType", "actorLabel", action, "targetType", "prevHash", hash, "hashScheme")
      VALUES ('forged-event', '${chain}', ${head!.seq + 1}, '${chain}', 'user', 'owner@acme.test', 'project.deleted', 'project', '${head!.hash}', '${forged}', '${KEYED_SCHEME}');
      UPDATE "AuditChain" SET seq = seq + 1, "prevHash" = hash, hash = '${forged}' WHERE chain = '${chain}'`);
    expect(await verifyChain(chain)).toMatchObject({
      ok: false,
      firstBad: {
        id: "forged-event",
        seq: head!.seq + 1,
        reason: expect.stringMatching(/altered/),
      },
    });
  });

  it("concurrent first events of a new chain keep one unbroken chain", async () => {
    // No head row to lock yet: the appenders serialize on the chain's advisory lock instead.
    const chain = `new-chain-${randomBytes(4).toString("hex")}`;
    const ctx = { actor: { type: "system" as const, label: "concurrency" }, meta: {} };
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        recordAuditEvent(ctx, {
          organizationId: chain,
          action: "test.event",
          target: { type: "test" },
          after: { i },
        }),
      ),
    );
    expect(await verifyChain(chain)).toMatchObject({
      ok: true,
      checked: 8,
      headSeq: 8,
      keyedFrom: 1,
    });
  });

  it("after an append is rolled back, the next one follows the real head", async () => {
    // The process's remembered head is then one the database never committed.
    const chain = await acmeId(h);
    const { headSeq } = await verifyChain(chain);
    const ctx = { actor: { type: "system" as const, label: "rollback" }, meta: {} };
    const input = { organizationId: chain, action: "test.event", target: { type: "test" } };
    await expect(
      h.db().prisma.$transaction(async (tx) => {
        await appendAuditEvent(tx, ctx, input);
        throw new Error("rolled back after the append");
      }),
    ).rejects.toThrow("rolled back after the append");
    await recordAuditEvent(ctx, input);
    expect(await verifyChain(chain)).toMatchObject({ ok: true, headSeq: headSeq + 1 });
  });
});
