// `npm run bench -- audit`: what the audit trail costs a real canvas save, on PostgreSQL.
// 1. The demo project's diagram save (rules, write, audit event, environment history) against
//    the same write unaudited, with the demo's environments (scripts/bench/audit/save.ts).
// 2. The same after forking more environments the save does not touch: the audited figure
//    must not grow with them (history records only the environments a change moved).
// 3. Verify throughput over a generated chain (scripts/bench/audit/verify.ts).
// Ends with one JSON line: {"bench":"audit","ratio":…,…}; "ratio" is the worse of 1 and 2.
import { syncCatalog } from "@/server/catalog/sync";
import { catalogRoot } from "@/server/catalog/root";
import { migrateDatabase, openDatabase } from "@/server/db/connect";
import { prisma } from "@/server/db";
import { forkEnvironment } from "@/server/environments/service";
import { seedDemo } from "@/server/seed";
import { seedDemoDiagram } from "@/server/seed-diagram";
import { createScratchDatabase } from "@/test/scratch-db";
import { benchSave, type SaveFigures } from "./audit/save";
import { benchVerify } from "./audit/verify";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PER_ROUND = Number(process.env.BENCH_SAVES ?? 60);
const MORE_ENVIRONMENTS = Number(process.env.BENCH_MORE_ENVIRONMENTS ?? 8);
const CHAIN_EVENTS = Number(process.env.BENCH_CHAIN_EVENTS ?? 20_000);
const TARGET = 1.3;

const round3 = (x: number) => Number(x.toFixed(3));
const figures = (f: SaveFigures, environments: number) => ({
  environments,
  ratio: round3(f.ratio),
  unaudited_ms: round3(f.unauditedMs),
  audited_ms: round3(f.auditedMs),
  audit_ms: round3(f.auditedMs - f.unauditedMs),
  saves: f.saves,
});

async function main() {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ url: scratch.url });
  try {
    await migrateDatabase(database);
    await seedDemo();
    await syncCatalog(catalogRoot());
    await seedDemoDiagram();
    const project = await prisma().project.findFirstOrThrow({
      where: { slug: "ecommerce-api" },
      select: {
        id: true,
        organizationId: true,
        environments: { select: { id: true, slug: true } },
      },
    });
    const staging = project.environments.find((e) => e.slug === "staging")!;
    const queue = await prisma().component.findFirstOrThrow({
      where: { projectId: project.id, bundleName: "aws-sqs-queue" },
      select: { id: true },
    });
    const user = await prisma().user.findUniqueOrThrow({ where: { email: "dev@acme.test" } });
    const ctx = {
      actor: { type: "user" as const, id: user.id, label: user.email, role: "developer" as const },
      meta: { requestId: "bench" },
    };
    const target = { projectId: project.id, componentId: queue.id, environmentId: staging.id };
    const count = () => prisma().environment.count({ where: { projectId: project.id } });

    const few = await count();
    console.log(`canvas save (one field of orders-queue in staging), ${few} environments:`);
    const base = await benchSave(ctx, target, ROUNDS, PER_ROUND, console.log);
    const owner = { actor: { type: "system" as const, label: "bench" }, meta: {} };
    for (let i = 1; i <= MORE_ENVIRONMENTS; i++)
      await forkEnvironment(
        owner,
        { organizationId: project.organizationId, projectId: project.id },
        { fromEnvironmentId: staging.id, slug: `preview-${i}`, name: `Preview ${i}` },
      );
    const many = await count();
    console.log(`the same save after forking ${many - few} more environments it does not touch:`);
    const more = await benchSave(ctx, target, ROUNDS, PER_ROUND, console.log);
    // What the audit trail adds (event + history) is the figure that must not grow with them.
    for (const [n, f] of [
      [few, base],
      [many, more],
    ] as const)
      console.log(
        `${n} environments: unaudited ${f.unauditedMs.toFixed(2)} ms, audited ${f.auditedMs.toFixed(2)} ms per save (median): the audit adds ${(f.auditedMs - f.unauditedMs).toFixed(2)} ms, ratio ${f.ratio.toFixed(2)} (target ≤ ${TARGET})`,
      );

    const verify = await benchVerify(CHAIN_EVENTS, project.id);
    console.log(
      `verify: ${CHAIN_EVENTS} events in ${verify.ms.toFixed(0)} ms (median of 3) = ${verify.perSecond} events/s`,
    );
    console.log(
      JSON.stringify({
        bench: "audit",
        database: "postgresql",
        ratio: round3(Math.max(base.ratio, more.ratio)),
        save: figures(base, few),
        save_more_environments: figures(more, many),
        verify_events: CHAIN_EVENTS,
        verify_ms: Math.round(verify.ms),
        verify_events_per_s: verify.perSecond,
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
