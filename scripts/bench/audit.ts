// `npm run bench -- audit`: the cost of the audit trail on PostgreSQL.
// 1. The same mutation (guard + read before + update, in one transaction) with and without
//    its audit event, interleaved in rounds so drift on a noisy machine hits both alike.
// 2. Verify throughput over a generated chain.
// 3. What the environment history adds to a change that moves environments: recording the
//    state of every environment of the demo project (its seeded diagram) after a change.
// Ends with one JSON line: {"bench":"audit","ratio":…,"verify_events_per_s":…,"history_ms":…}.
import { eventHash, KEYED_SCHEME, type ChainedContent } from "@/server/audit/chain";
import { GENESIS_HASH } from "@/server/audit/types";
import { verifyChain } from "@/server/audit/verify";
import { auditedWrite } from "@/server/audit/write";
import { migrateDatabase, openDatabase } from "@/server/db/connect";
import { prisma } from "@/server/db";
import { findProjectOrganization } from "@/server/repositories/projects";
import { findRole } from "@/server/repositories/users";
import { syncCatalog } from "@/server/catalog/sync";
import { catalogRoot } from "@/server/catalog/root";
import { recordEnvironmentStates } from "@/server/history/record";
import { seedDemo } from "@/server/seed";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { createScratchDatabase } from "@/test/scratch-db";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_MUTATIONS ?? 200);
const CHAIN_EVENTS = Number(process.env.BENCH_CHAIN_EVENTS ?? 20_000);

class Rollback extends Error {}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ url: scratch.url });
  try {
    await migrateDatabase(database);
    await seedDemo();
    const project = await prisma().project.findFirstOrThrow({ where: { slug: "ecommerce-api" } });
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "dev@acme.test" } });
    const ctx = {
      actor: { type: "user" as const, id: user.id, label: user.email, role: "developer" as const },
      meta: { requestId: "bench" },
    };

    // What project.update does, minus tRPC: authorize, then read-before + update in a transaction.
    const work = async (i: number, audited: boolean) => {
      const organizationId = await findProjectOrganization(project.id);
      await findRole(user.id, organizationId!);
      const change = async (tx: Parameters<Parameters<typeof auditedWrite>[1]>[0]) => {
        const before = await tx.project.findUniqueOrThrow({
          where: { id: project.id },
          select: { description: true },
        });
        const after = await tx.project.update({
          where: { id: project.id },
          data: { description: `bench ${i}` },
          select: { description: true },
        });
        return {
          result: after,
          touched: [],
          audit: {
            organizationId,
            action: "project.updated",
            target: { type: "project", id: project.id, projectId: project.id },
            before,
            after,
          },
        };
      };
      if (audited) await auditedWrite(ctx, change);
      else await prisma().$transaction(async (tx) => (await change(tx)).result);
    };

    for (let i = 0; i < 50; i++) await work(i, i % 2 === 0); // warm-up: pools, query plans, JIT
    const plain: number[] = [];
    const audited: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [kind, samples] of [
        ["plain", plain],
        ["audited", audited],
      ] as const) {
        const started = performance.now();
        for (let i = 0; i < PER_ROUND; i++) await work(i, kind === "audited");
        samples.push((performance.now() - started) / PER_ROUND);
      }
      console.log(
        `round ${round + 1}: unaudited ${plain.at(-1)!.toFixed(3)} ms, audited ${audited.at(-1)!.toFixed(3)} ms per mutation`,
      );
    }
    const plainMs = median(plain);
    const auditedMs = median(audited);
    const ratio = auditedMs / plainMs;
    console.log(
      `median per mutation: unaudited ${plainMs.toFixed(3)} ms, audited ${auditedMs.toFixed(3)} ms, ratio ${ratio.toFixed(2)} (target ≤ 1.3)`,
    );

    // A long chain of its own, generated with real (keyed) hashes and inserted in batches.
    const chain = "bench-chain";
    let prevHash = GENESIS_HASH;
    let headPrev = GENESIS_HASH;
    const start = Date.now();
    for (let base = 0; base < CHAIN_EVENTS; base += 1000) {
      const rows = [];
      for (let seq = base + 1; seq <= Math.min(base + 1000, CHAIN_EVENTS); seq++) {
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
          targetId: project.id,
          projectId: project.id,
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
      data: { chain, seq: CHAIN_EVENTS, hash: prevHash, prevHash: headPrev },
    });
    const verifyRuns: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await verifyChain(chain);
      verifyRuns.push(performance.now() - started);
      if (!result.ok || result.checked !== CHAIN_EVENTS)
        throw new Error(`verify failed: ${JSON.stringify(result)}`);
    }
    const verifyMs = median(verifyRuns);
    const perSecond = Math.round(CHAIN_EVENTS / (verifyMs / 1000));
    console.log(
      `verify: ${CHAIN_EVENTS} events in ${verifyMs.toFixed(0)} ms (median of 3) = ${perSecond} events/s`,
    );
    // History: the demo diagram, then the state recording an environment-moving change adds.
    await syncCatalog(catalogRoot());
    await seedDemoDiagram();
    const environments = await prisma().environment.count({ where: { projectId: project.id } });
    const historyRuns: number[] = [];
    for (let i = 0; i < 30; i++) {
      const started = performance.now();
      // Rolled back: every run records (and measures) the same states afresh.
      await prisma()
        .$transaction(async (tx) => {
          await recordEnvironmentStates(tx, [{ projectId: project.id }], {
            id: `bench-${i}`,
            at: new Date(),
          });
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
      historyRuns.push(performance.now() - started);
    }
    const historyMs = median(historyRuns.slice(5));
    console.log(
      `history: recording ${environments} environments of the demo project after a change: ${historyMs.toFixed(3)} ms (median of 25)`,
    );
    console.log(
      JSON.stringify({
        bench: "audit",
        database: "postgresql",
        ratio: Number(ratio.toFixed(3)),
        unaudited_ms: Number(plainMs.toFixed(3)),
        audited_ms: Number(auditedMs.toFixed(3)),
        mutations: ROUNDS * PER_ROUND,
        verify_events: CHAIN_EVENTS,
        verify_ms: Math.round(verifyMs),
        verify_events_per_s: perSecond,
        history_ms: Number(historyMs.toFixed(3)),
        history_environments: environments,
      }),
    );
  } finally {
    await database.close();
    await scratch.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
