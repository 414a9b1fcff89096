// `npm run bench -- load`: many editors saving at once, against `npm start` on PostgreSQL
// (loopback only).
// 1. A scratch database with BENCH_EDITORS (50) projects of BENCH_COMPONENTS (30) components
//    and one more shared by BENCH_SHARED (20) editors (load/projects.ts).
// 2. Each editor saves edits to its own component back to back for BENCH_SECONDS (15), as the
//    canvas does: its base revision, and on a conflict a re-read and the same edit again
//    (load/editor.ts); first every editor on its own project, then the shared project.
// 3. In the same run, a bare `pg` UPDATE round trip at the same concurrency for the same time
//    (load/bare.ts), and the floor beneath an edit: the cheapest signed-in tRPC call through the
//    same server, nothing saved (load/floor.ts).
// Editors are plain fetch loops rather than a load generator: each must wait for its own
// answer (and re-read after a conflict) before its next save, which is what is measured.
// Ends with one JSON line: {"bench":"load",…}.
import { tmpdir } from "node:os";
import path from "node:path";
import { log } from "@/server/log";
import { DEMO_PASSWORD } from "@/server/seed";
import { createScratchDatabase } from "@/test/scratch-db";
import { prepareDatabase } from "./canvas/setup";
import { type RunningServer, startServer } from "./canvas/server";
import { bareUpdates } from "./load/bare";
import { type EditorSpec, type EditorTally, openEditor, runEditor } from "./load/editor";
import { signedInReads } from "./load/floor";
import { buildLoadProjects } from "./load/projects";
import { onInterrupt } from "./shared/cleanup";
import { percentile, round } from "./shared/stats";
import { type HttpSession, signIn } from "./shared/trpc-http";

const count = (name: string, fallback: number) =>
  Math.max(1, Number(process.env[name] ?? fallback));
const SECONDS = count("BENCH_SECONDS", 15);
const EDITORS = count("BENCH_EDITORS", 50);
const SHARED = count("BENCH_SHARED", 20);
const COMPONENTS = count("BENCH_COMPONENTS", 30);
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
const TARGET = { p99Ratio: 3, fairness: 0.25 };

async function editPhase(session: HttpSession, specs: EditorSpec[]) {
  const opened = await Promise.all(specs.map((s) => openEditor(session, s)));
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const tallies = await Promise.all(opened.map((e) => runEditor(e, deadline)));
  const seconds = (performance.now() - started) / 1000;
  const latencies = tallies.flatMap((t) => t.latencies);
  const sum = (f: (t: EditorTally) => number) => tallies.reduce((n, t) => n + f(t), 0);
  const accepted = tallies.map((t) => t.accepted);
  return {
    editors: specs.length,
    requests: latencies.length,
    requests_per_s: round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    accepted: sum((t) => t.accepted),
    conflicts: sum((t) => t.conflicts),
    errors: sum((t) => t.errors),
    rereads: sum((t) => t.rereads),
    accepted_min: Math.min(...accepted),
    accepted_max: Math.max(...accepted),
    accepted_per_editor: accepted,
    error_samples: [...new Set(tallies.flatMap((t) => t.errorSamples))].slice(0, 5),
  };
}

type Phase = Awaited<ReturnType<typeof editPhase>>;

async function floorPhase(session: HttpSession, editors: number) {
  const { latencies, errors } = await signedInReads(session, editors, SECONDS);
  return {
    requests_per_s: round(latencies.length / SECONDS),
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    errors,
  };
}

type Floor = Awaited<ReturnType<typeof floorPhase>>;

async function barePhase(url: string, editors: number) {
  const latencies = await bareUpdates(url, editors, SECONDS);
  return {
    requests_per_s: round(latencies.length / SECONDS),
    p50_ms: round(percentile(latencies, 50), 2),
    p99_ms: round(percentile(latencies, 99), 2),
  };
}

function print(
  label: string,
  edit: Phase,
  floor: Floor,
  bare: Awaited<ReturnType<typeof barePhase>>,
) {
  const ratio = edit.p99_ms / bare.p99_ms;
  console.log(
    `${label}: ${edit.requests} saves in ${SECONDS} s (${edit.requests_per_s}/s), p50 ${edit.p50_ms} ms, p99 ${edit.p99_ms} ms; ` +
      `accepted ${edit.accepted}, conflicts ${edit.conflicts} (re-reads ${edit.rereads}), errors ${edit.errors}`,
  );
  for (const sample of edit.error_samples) console.log(`  error: ${sample}`);
  console.log(
    `  bare UPDATE × ${edit.editors}: ${bare.requests_per_s}/s, p50 ${bare.p50_ms} ms, p99 ${bare.p99_ms} ms; ` +
      `edit p99 / bare p99 ${ratio.toFixed(1)} (target ≤ ${TARGET.p99Ratio}): ${ratio <= TARGET.p99Ratio ? "ok" : "MISSED"}`,
  );
  console.log(
    `  floor, signed-in me.get × ${edit.editors}, nothing saved: ${floor.requests_per_s}/s, p50 ${floor.p50_ms} ms, p99 ${floor.p99_ms} ms ` +
      `(${(floor.p99_ms / bare.p99_ms).toFixed(1)} × bare p99; errors ${floor.errors}); edit p99 / floor p99 ${(edit.p99_ms / floor.p99_ms).toFixed(1)}`,
  );
  console.log(
    `  accepted per editor: smallest ${edit.accepted_min}, largest ${edit.accepted_max} [${edit.accepted_per_editor.join(" ")}]`,
  );
  return ratio;
}

async function main() {
  // Per-call tRPC logs would bury the figures; LOG_LEVEL still wins when set.
  if (!process.env.LOG_LEVEL) log.level = "warn";
  const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_PREFIX ?? "bench_load");
  let server: RunningServer | undefined;
  const cleanUp = async () => {
    await server?.stop().catch((e) => console.error("stopping the server:", e));
    await scratch.drop().catch((e) => console.error("dropping the scratch database:", e));
  };
  const stopListening = onInterrupt(cleanUp);
  let result: Record<string, unknown>;
  try {
    console.log(`building ${EDITORS} projects and a shared one of ${COMPONENTS} components each…`);
    const close = await prepareDatabase(scratch.url);
    const specs = await buildLoadProjects(EDITORS, SHARED, COMPONENTS).finally(close);
    console.log("starting the app server…");
    server = await startServer(scratch.url, {
      port: PORT,
      dataDirPrefix: path.join(tmpdir(), "patchbay-bench-load-"),
    });
    const session = await signIn(server.url, "dev@acme.test", DEMO_PASSWORD);

    // A fresh server compiles routes and fills caches on its first requests: not timed.
    console.log("warming the server up (3 s of one editor, untimed)…");
    await runEditor(await openEditor(session, specs.sharing[0]!), performance.now() + 3000);
    console.log(`${EDITORS} editors, each on its own project, for ${SECONDS} s…`);
    const own = await editPhase(session, specs.owned);
    console.log(`${SHARED} editors on one shared project, for ${SECONDS} s…`);
    const shared = await editPhase(session, specs.sharing);
    console.log("the floor: a signed-in read at the same concurrencies, nothing saved…");
    const [floorOwn, floorShared] = [
      await floorPhase(session, EDITORS),
      await floorPhase(session, SHARED),
    ];
    const died = server.died();
    if (died) throw new Error(`the app server ${died}`);
    console.log("bare UPDATE round trips at the same concurrencies…");
    const [bareOwn, bareShared] = [
      await barePhase(scratch.url, EDITORS),
      await barePhase(scratch.url, SHARED),
    ];

    console.log("");
    const ownRatio = print(`${EDITORS} editors, own projects`, own, floorOwn, bareOwn);
    const sharedRatio = print(`${SHARED} editors, one project`, shared, floorShared, bareShared);
    const errors = own.errors + shared.errors + floorOwn.errors + floorShared.errors;
    const fair = shared.accepted_min >= TARGET.fairness * shared.accepted_max;
    const ratio = Math.max(ownRatio, sharedRatio);
    console.log("");
    console.log(`errors: ${errors} (target 0): ${errors === 0 ? "ok" : "MISSED"}`);
    console.log(
      `edit p99 / bare p99, the worse of the two: ${ratio.toFixed(1)} (target ≤ ${TARGET.p99Ratio}): ${ratio <= TARGET.p99Ratio ? "ok" : "MISSED"}`,
    );
    console.log(
      `shared project: smallest accepted ${shared.accepted_min} ≥ a quarter of the largest ${shared.accepted_max}: ${fair ? "ok" : "MISSED"}`,
    );
    result = {
      bench: "load",
      seconds: SECONDS,
      errors,
      p99_ratio: round(ratio, 2),
      fair,
      own: { ...own, floor: floorOwn, bare: bareOwn, p99_ratio: round(ownRatio, 2) },
      shared: { ...shared, floor: floorShared, bare: bareShared, p99_ratio: round(sharedRatio, 2) },
    };
  } finally {
    stopListening();
    await cleanUp();
  }
  // After clean-up, so nothing the server prints while stopping can follow it.
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
