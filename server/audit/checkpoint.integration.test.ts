// Signed checkpoints pin the chain outside the database: an owner exports one, and verify with
// it finds what a keyed chain alone cannot show — events cut off its end with the head moved
// back, or a chain relabelled as plain from its first event.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { auditCount, forEachDatabase, snapshot, type Harness } from "@/test/integration";
import { rewriteChain, saveTrail, withTriggersOff } from "@/test/audit-attacker";
import { verifyChain } from "./verify";

async function acmeId(h: Harness): Promise<string> {
  const org = await h
    .db()
    .prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
  return org.id;
}

async function changeSomething(h: Harness, times: number): Promise<void> {
  const dev = await h.as("dev@acme.test");
  const project = await h
    .db()
    .prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
  for (let i = 0; i < times; i++)
    await dev.project.update({ projectId: project.id, description: `change ${Date.now()} ${i}` });
}

/**
 * Deletes every event from `fromSeq` on and moves the head back, triggers off (as the tables' owner
 * can).
 */
async function cutBack(h: Harness, chain: string, fromSeq: number): Promise<void> {
  await withTriggersOff(h, async (sql) => {
    await sql.query(`DELETE FROM "AuditEvent" WHERE chain = $1 AND seq >= $2`, [chain, fromSeq]);
    await sql.query(
      `UPDATE "AuditChain" h SET seq = e.seq, hash = e.hash, "prevHash" = e."prevHash" FROM "AuditEvent" e WHERE h.chain = $1 AND e.chain = $1 AND e.seq = $2`,
      [chain, fromSeq - 1],
    );
  });
}

forEachDatabase("audit checkpoints", (h) => {
  let restore: () => Promise<void>;
  beforeAll(() => changeSomething(h, 4));
  beforeEach(async () => {
    restore = await saveTrail(h);
  });
  afterEach(async () => {
    await restore();
    expect((await verifyChain(await acmeId(h))).ok).toBe(true);
  });

  it("an owner exports a signed checkpoint of the verified head; the export is audited without the signature", async () => {
    const organizationId = await acmeId(h);
    const head = await verifyChain(organizationId);
    const owner = await h.as("owner@acme.test");
    const { filename, checkpoint } = await owner.audit.checkpoint({ organizationId });
    expect(filename).toMatch(/^patchbay-audit-checkpoint-\d+-.*\.json$/);
    expect(checkpoint).toMatchObject({
      kind: "patchbay.audit-checkpoint",
      version: 1,
      organizationId,
      seq: head.headSeq,
      hash: head.headHash,
    });
    expect(checkpoint.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/);
    const event = await h.db().prisma.auditEvent.findFirstOrThrow({
      where: { chain: organizationId },
      orderBy: { seq: "desc" },
    });
    expect(event).toMatchObject({
      seq: head.headSeq + 1,
      action: "audit.checkpoint_exported",
      actorLabel: "owner@acme.test",
      after: { seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at },
    });
    const dump = await h
      .db()
      .sql.query<{ t: string }>(`SELECT string_agg(t::text, '|') AS t FROM "AuditEvent" t`);
    expect(dump[0]!.t).not.toContain(checkpoint.signature.slice("hmac-sha256:".length));
    const viewer = await h.as("viewer@acme.test");
    expect(await viewer.audit.verify({ organizationId, checkpoint })).toMatchObject({
      ok: true,
      checkpoint: {
        ok: true,
        seq: checkpoint.seq,
        reason: `event #${checkpoint.seq} still matches the checkpoint of ${checkpoint.at}`,
      },
    });
  });

  it("a chain cut back after the checkpoint verifies on its own, but not against the checkpoint", async () => {
    const organizationId = await acmeId(h);
    const { checkpoint } = await (await h.as("owner@acme.test")).audit.checkpoint({
      organizationId,
    });
    await changeSomething(h, 3);
    // The newest events, the checkpoint's own among them, deleted with the triggers off.
    await cutBack(h, organizationId, checkpoint.seq - 1);
    const viewer = await h.as("viewer@acme.test");
    const alone = await viewer.audit.verify({ organizationId });
    expect(alone).toMatchObject({ ok: true, headSeq: checkpoint.seq - 2 });
    expect(await viewer.audit.verify({ organizationId, checkpoint })).toMatchObject({
      ok: false,
      headSeq: checkpoint.seq - 2,
      checkpoint: {
        ok: false,
        seq: checkpoint.seq,
        reason: expect.stringMatching(
          new RegExp(
            `records event #${checkpoint.seq}, but the chain has no event #${checkpoint.seq} \\(it ends at #${checkpoint.seq - 2}\\): events were deleted and the chain cut back since`,
          ),
        ),
      },
    });
  });

  it("a chain rewritten as plain from its first event verifies as unkeyed on its own, and fails against the checkpoint", async () => {
    const organizationId = await acmeId(h);
    const { checkpoint } = await (await h.as("owner@acme.test")).audit.checkpoint({
      organizationId,
    });
    await rewriteChain(h, organizationId, 1, (after) => after);
    const viewer = await h.as("viewer@acme.test");
    // Nothing keyed is left to check: verify says so rather than vouching for the events.
    expect(await viewer.audit.verify({ organizationId })).toMatchObject({
      ok: true,
      keyedFrom: null,
    });
    expect(await viewer.audit.verify({ organizationId, checkpoint })).toMatchObject({
      ok: false,
      checkpoint: {
        ok: false,
        reason: expect.stringMatching(
          new RegExp(
            `event #${checkpoint.seq} is not the event the checkpoint .* recorded \\(its hash differs\\): the chain was rewritten since`,
          ),
        ),
      },
    });
  });

  it("an altered checkpoint is refused naming the field, and nothing is written", async () => {
    const organizationId = await acmeId(h);
    const { checkpoint } = await (await h.as("owner@acme.test")).audit.checkpoint({
      organizationId,
    });
    const viewer = await h.as("viewer@acme.test");
    const before = await snapshot(h.db(), ["_prisma_migrations"]);
    const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith("0") ? "1" : "0");
    const refusals = [
      [
        { ...checkpoint, signature: flip(checkpoint.signature) },
        /^checkpoint\.signature: does not match the checkpoint's fields/,
      ],
      [{ ...checkpoint, seq: checkpoint.seq - 1 }, /^checkpoint\.signature: does not match/],
      [{ ...checkpoint, at: "2020-01-01T00:00:00.000Z" }, /^checkpoint\.signature: does not match/],
      [
        { ...checkpoint, signature: "sha256:abc" },
        /checkpoint\.signature.*must be "hmac-sha256:" and 64 lowercase hex characters/,
      ],
      [{ ...checkpoint, hash: "not-hex" }, /checkpoint\.hash.*must be 64 lowercase hex characters/],
    ] as const;
    for (const [altered, message] of refusals) {
      await expect(
        viewer.audit.verify({ organizationId, checkpoint: altered }),
      ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(message) });
    }
    const globex = await h
      .db()
      .prisma.organization.findUniqueOrThrow({ where: { slug: "globex" }, select: { id: true } });
    const owner = await h.as("owner@globex.test");
    await expect(
      owner.audit.verify({ organizationId: globex.id, checkpoint }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "checkpoint.organizationId: this checkpoint is of another organization",
    });
    expect(await snapshot(h.db(), ["_prisma_migrations"])).toEqual(before);
  });

  it("only an owner exports a checkpoint: others are refused, and only the refusal is recorded", async () => {
    const organizationId = await acmeId(h);
    for (const email of ["ops@acme.test", "viewer@acme.test"]) {
      const before = await snapshot(h.db());
      const events = await auditCount(h.db());
      await expect((await h.as(email)).audit.checkpoint({ organizationId })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/needs the owner role/),
      });
      expect(await snapshot(h.db())).toEqual(before);
      expect(await auditCount(h.db())).toBe(events + 1);
      const last = await h.db().prisma.auditEvent.findFirstOrThrow({
        where: { chain: organizationId },
        orderBy: { seq: "desc" },
      });
      expect(last).toMatchObject({
        action: "audit.checkpoint",
        outcome: "denied",
        actorLabel: email,
      });
    }
  });

  it("a chain that does not verify gets no checkpoint", async () => {
    const organizationId = await acmeId(h);
    await rewriteChain(h, organizationId, 2, (after) => ({ ...(after as object), forged: true }));
    const events = await auditCount(h.db());
    await expect(
      (await h.as("owner@acme.test")).audit.checkpoint({ organizationId }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(
        /^The audit chain does not verify \(event #2: .*\); a checkpoint would vouch for it$/,
      ),
    });
    expect(await auditCount(h.db())).toBe(events);
  });
});
