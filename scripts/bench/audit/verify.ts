// Verify throughput: a long chain of its own, generated with real (keyed) hashes and inserted
// in batches, then checked end to end three times.
import { eventHash, KEYED_SCHEME } from "@/server/audit/chain";
import { GENESIS_HASH } from "@/server/audit/types";
import { verifyChain } from "@/server/audit/verify";
import { prisma } from "@/server/db";
import type { ChainedContent } from "@/server/repositories/audit";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchVerify(events: number, projectId: string) {
  const chain = "bench-chain";
  let prevHash = GENESIS_HASH;
  let headPrev = GENESIS_HASH;
  const start = Date.now();
  for (let base = 0; base < events; base += 1000) {
    const rows = [];
    for (let seq = base + 1; seq <= Math.min(base + 1000, events); seq++) {
      const content: ChainedContent = {
        chain,
        seq,
        at: new Date(start + seq),
        organizationId: null,
        actorType: "system",
        actorId: null,
        actorLabel: "bench",
        actorRole: null,
        action: "bench.event",
        outcome: "success",
        targetType: "project",
        targetId: projectId,
        projectId,
        environmentId: null,
        componentId: null,
        before: { description: `v${seq - 1}` },
        after: { description: `v${seq}`, n: seq },
        requestId: null,
        ip: null,
        userAgent: null,
      };
      const hash = eventHash(prevHash, content);
      rows.push({
        ...content,
        before: content.before as object,
        after: content.after as object,
        prevHash,
        hash,
        hashScheme: KEYED_SCHEME,
      });
      headPrev = prevHash;
      prevHash = hash;
    }
    await prisma().auditEvent.createMany({ data: rows });
  }
  // The head's trigger accepts a new head only on the chain's newest event, with its prevHash.
  await prisma().auditChain.create({
    data: { chain, seq: events, hash: prevHash, prevHash: headPrev },
  });
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const result = await verifyChain(chain);
    runs.push(performance.now() - started);
    if (!result.ok || result.checked !== events)
      throw new Error(`verify failed: ${JSON.stringify(result)}`);
  }
  const ms = median(runs);
  return { ms, perSecond: Math.round(events / (ms / 1000)) };
}
