// The chain against whoever holds the database login: they can switch triggers off and
// rewrite rows, but without the key (which is not in the database) they cannot recompute
// keyed hashes, so verify still finds the first event they touched.
import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { forEachDatabase, type Harness } from "@/test/integration";
import { rewriteChain, saveTrail } from "@/test/audit-attacker";
import { verifyChain } from "./verify";

async function acmeId(h: Harness): Promise<string> {
  const org = await h.db().prisma.organization.findUniqueOrThrow({ where: { slug: "acme" }, select: { id: true } });
  return org.id;
}

forEachDatabase("keyed audit chain", (h) => {
  let restore: () => Promise<void>;
  beforeAll(async () => {
    // A trail worth attacking: a few ordinary changes after the seed.
    const dev = await h.as("dev@acme.test");
    const project = await h.db().prisma.project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
    for (let i = 0; i < 6; i++) await dev.project.update({ projectId: project.id, description: `revision ${i}` });
  });
  beforeEach(async () => {
    restore = await saveTrail(h);
  });
  afterEach(async () => {
    await restore();
    expect((await verifyChain(await acmeId(h))).ok).toBe(true);
  });

  it("a full rewrite with recomputed plain SHA-256 hashes is detected, naming the first bad event", async () => {
    const chain = await acmeId(h);
    const before = await verifyChain(chain);
    expect(before.ok).toBe(true);
    expect(before.headSeq).toBeGreaterThan(5);
    await rewriteChain(h, chain, 3, (after) => ({ ...(after as object), rewritten: "by the database owner" }));
    const result = await verifyChain(chain);
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 3 } });
  });
});
