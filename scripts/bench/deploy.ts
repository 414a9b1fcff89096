// `npm run bench -- deploy`: how fast the runner starts and works runs, on PostgreSQL (a
// scratch database), with two worker processes (test/noop-worker.ts: the real runner, a test
// bundle whose provisioner does nothing) and, in the same run, a bare pg-boss round trip:
// two processes with the same work loops and polling interval (scripts/bench/deploy/
// pgboss-worker.ts).
// 1. Latency: BENCH_RUNS runs requested one by one through the procedure (deployment.request),
//    one every BENCH_GAP_MS, each on its own instance; queue-to-start = the run's createdAt →
//    startedAt. Interleaved with them, as many pg-boss jobs, send → handler start.
// 2. Throughput: the same instances applied again, all queued at once by one whole-environment
//    apply (no lines, so none waits); runs/minute = runs / (the request returned → the last
//    run's finishedAt).
// Ends with one JSON line: {"bench":"deploy","ratio":…,"start_ms":…,"runs_per_min":…,…};
// ratio = our median queue-to-start / pg-boss's median round trip (target ≤ 1.5).
import "./deploy/quiet";
import PgBoss from "pg-boss";
import { createCaller } from "@/server/api/root";
import { makeContext } from "@/server/api/context";
import { catalogRoot } from "@/server/catalog/root";
import { syncCatalog } from "@/server/catalog/sync";
import { migrateDatabase, openDatabase } from "@/server/db/connect";
import { findUserForSignIn } from "@/server/repositories/users";
import { startRunner } from "@/server/runner/start";
import { seedDemo } from "@/server/seed";
import {
  importNoopBundle,
  newProject,
  noopDiagram,
  sharedKey,
  waitFor,
} from "@/test/runner-processes";
import { createScratchDatabase } from "@/test/scratch-db";
import { killWorkers, NOOP_WORKER_SCRIPT, startWorker } from "@/test/worker-process";

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const GAP_MS = Number(process.env.BENCH_GAP_MS ?? 150);
const WARMUP = 8;
const TARGET = 1.5;
const BASELINE = new URL("./deploy/pgboss-worker.ts", import.meta.url).pathname;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const p95 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)]!;
const round = (n: number) => Number(n.toFixed(1));

async function as(email: string) {
  const user = await findUserForSignIn(email);
  if (!user) throw new Error(`no user ${email}`);
  return createCaller(
    makeContext(
      { id: user.id, email: user.email, name: user.name },
      { requestId: "bench", ip: "127.0.0.1", userAgent: "bench" },
    ),
  );
}

async function main() {
  const scratch = await createScratchDatabase();
  const database = await openDatabase({ url: scratch.url });
  let stopQueue = async () => {};
  const baseline: number[] = [];
  try {
    await migrateDatabase(database);
    await seedDemo();
    await syncCatalog(catalogRoot());
    const ops = await as("ops@acme.test");
    const dev = await as("dev@acme.test");
    const project = await newProject(database, ops, "bench-deploy");
    await importNoopBundle(ops, project.organizationId);
    // Two projects: the timed one (RUNS instances) and one to warm the workers up with.
    const warmProject = await newProject(database, ops, "bench-warm-up");
    const graph = noopDiagram(RUNS, false);
    const warmGraph = noopDiagram(WARMUP, false);
    for (const [p, g] of [
      [project, graph],
      [warmProject, warmGraph],
    ] as const) {
      const { revision } = await dev.diagram.get({ projectId: p.projectId });
      await dev.diagram.change({
        projectId: p.projectId,
        baseRevision: revision,
        ops: g.ops as never,
      });
    }
    const target = { projectId: project.projectId, environmentId: project.environmentId };

    // This process queues (as `npm start` with 0 workers); two processes work.
    stopQueue = (await startRunner(database, { workers: 0, databaseUrl: scratch.url })).stop;
    const env = {
      DATABASE_URL: scratch.url,
      PATCHBAY_SECRET_KEY: sharedKey(),
      PATCHBAY_WORKERS: "4",
    };
    const workers = [
      ...(await Promise.all([
        startWorker(NOOP_WORKER_SCRIPT, env),
        startWorker(NOOP_WORKER_SCRIPT, env),
      ])),
      ...(await Promise.all([startWorker(BASELINE, env), startWorker(BASELINE, env)])),
    ];
    for (const w of workers.slice(2))
      w.child.stdout?.on("data", (chunk: Buffer) => {
        for (const m of chunk.toString().matchAll(/^rt (\d+)$/gm)) baseline.push(Number(m[1]));
      });
    const boss = new PgBoss({ connectionString: scratch.url, schema: "pgboss", max: 2 });
    await boss.start();

    const applyIn = async (t: typeof target, componentId: string) =>
      (await dev.deployment.request({ ...t, componentId, action: "apply" })).id;
    const apply = (componentId: string) => applyIn(target, componentId);
    const allEnded = (ids: string[]) =>
      waitFor(
        "the runs to end",
        async () => {
          const open = await database.prisma.deployment.count({
            where: { id: { in: ids }, status: { in: ["queued", "running"] } },
          });
          return open === 0 ? true : undefined;
        },
        300_000,
      );
    const runsOf = (ids: string[]) =>
      database.prisma.deployment.findMany({
        where: { id: { in: ids } },
        select: { status: true, createdAt: true, startedAt: true, finishedAt: true },
      });

    // Warm-up: every worker has loaded and run something before anything is timed.
    const warmTarget = {
      projectId: warmProject.projectId,
      environmentId: warmProject.environmentId,
    };
    const warm = await Promise.all(warmGraph.ids.map((id) => applyIn(warmTarget, id)));
    await allEnded(warm);
    for (let i = 0; i < WARMUP; i += 1) await boss.send("bench-roundtrip", { sentAt: Date.now() });
    await waitFor("the baseline warm-up", async () =>
      baseline.length >= WARMUP ? true : undefined,
    );
    baseline.length = 0;

    // 1. Latency, paced, ours and pg-boss interleaved (alternating which goes first).
    const paced: string[] = [];
    const requestMs: number[] = [];
    const t0 = Date.now();
    for (let i = 0; i < RUNS; i += 1) {
      await sleep(Math.max(0, t0 + i * GAP_MS - Date.now()));
      const send = () => boss.send("bench-roundtrip", { sentAt: Date.now() });
      if (i % 2) await send();
      const started = Date.now();
      paced.push(await apply(graph.ids[i]!));
      requestMs.push(Date.now() - started);
      if (!(i % 2)) await send();
    }
    await allEnded(paced);
    await waitFor("the baseline jobs", async () => (baseline.length >= RUNS ? true : undefined));
    const latency = (await runsOf(paced)).map((r) => +r.startedAt! - +r.createdAt);
    // Where the time goes: createdAt (the request's transaction began) → the wake-up job
    // (after its commit) → a worker took the job → the run claimed (startedAt).
    const parts = await database.sql.query<{ commit: number; pickup: number; claim: number }>(
      `SELECT extract(epoch FROM j.created_on - d."createdAt") * 1000 AS commit,
              extract(epoch FROM j.started_on - j.created_on) * 1000 AS pickup,
              extract(epoch FROM d."startedAt" - j.started_on) * 1000 AS claim
         FROM "Deployment" d JOIN LATERAL (
           SELECT created_on, started_on FROM pgboss.job
            WHERE data->>'deploymentId' = d.id ORDER BY created_on LIMIT 1) j ON true
        WHERE d.id = ANY($1)`,
      [paced],
    );
    const part = (k: "commit" | "pickup" | "claim") => median(parts.map((p) => Number(p[k])));

    // 2. Throughput: all at once, queued by one whole-environment apply (no lines: none waits).
    const { runs: queued } = await dev.deployment.deployEnvironment({ ...target, action: "apply" });
    const allQueued = Date.now();
    const burst = queued.map((r) => r.id);
    await allEnded(burst);
    const burstRuns = await runsOf(burst);
    const last = Math.max(...burstRuns.map((r) => +r.finishedAt!));
    const runsPerMin = (burstRuns.length / (last - allQueued)) * 60_000;
    const burstStart = burstRuns.map((r) => +r.startedAt! - allQueued);
    const runMs = burstRuns.map((r) => +r.finishedAt! - +r.startedAt!);
    // The most runs of the batch running at one moment (the batch's parallelism is 4).
    const atOnce = Math.max(
      ...burstRuns.map(
        (r) =>
          burstRuns.filter((o) => +o.startedAt! <= +r.startedAt! && +o.finishedAt! > +r.startedAt!)
            .length,
      ),
    );
    const failed = [...(await runsOf(paced)), ...burstRuns].filter((r) => r.status !== "succeeded");
    await boss.stop({ graceful: false, wait: true });

    const ours = median(latency);
    const theirs = median(baseline);
    const ratio = ours / theirs;
    console.log(
      `${RUNS} no-op runs on 2 worker processes × 4 loops, pg-boss polling every 0.5 s; requests every ${GAP_MS} ms (a request takes ${round(median(requestMs))} ms, median)`,
    );
    console.log(
      `queue-to-start (createdAt → startedAt): median ${round(ours)} ms, p95 ${round(p95(latency))} ms`,
    );
    console.log(
      `  of which: request began → woken after commit ${round(part("commit"))} ms, → job taken ${round(part("pickup"))} ms, → claimed ${round(part("claim"))} ms (medians)`,
    );
    console.log(
      `bare pg-boss send → handler start: median ${round(theirs)} ms, p95 ${round(p95(baseline))} ms`,
    );
    console.log(
      `ratio ours/pg-boss ${ratio.toFixed(2)} (target ≤ ${TARGET}): ${ratio <= TARGET ? "ok" : "MISSED"}`,
    );
    console.log(
      `${burstRuns.length} queued at once (deployEnvironment): ${round(runsPerMin)} runs/min from the commit to the last run's end; commit-to-start median ${round(median(burstStart))} ms, p95 ${round(p95(burstStart))} ms; a run takes ${round(median(runMs))} ms (median); at most ${atOnce} ran at once`,
    );
    if (failed.length > 0) console.log(`${failed.length} run(s) did not succeed`);
    console.log(
      JSON.stringify({
        bench: "deploy",
        ratio: Number(ratio.toFixed(3)),
        start_ms: round(ours),
        runs_per_min: round(runsPerMin),
        start_p95_ms: round(p95(latency)),
        pgboss_ms: round(theirs),
        commit_ms: round(part("commit")),
        pickup_ms: round(part("pickup")),
        claim_ms: round(part("claim")),
        pgboss_p95_ms: round(p95(baseline)),
        burst_start_ms: round(median(burstStart)),
        burst_start_p95_ms: round(p95(burstStart)),
        run_ms: round(median(runMs)),
        burst_at_once: atOnce,
        request_ms: round(median(requestMs)),
        runs: RUNS,
        gap_ms: GAP_MS,
        workers: 2,
        failed: failed.length,
        target: TARGET,
      }),
    );
  } finally {
    await killWorkers();
    await stopQueue();
    await database.close();
    await scratch.drop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
