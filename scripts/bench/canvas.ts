// `npm run bench -- canvas`: how the project canvas copes with a large diagram.
// 1. A scratch PostgreSQL database with a generated project (500 components, 800 lines)
//    created through the real tRPC procedures.
// 2. The app server on it, and Chromium loading, panning and zooming the project canvas and a
//    bare React Flow page of the same diagram (/bench/bare), alternately, BENCH_RUNS times.
// 3. canConnect throughput in Node over the same diagram.
// Prints the bytes each page fetched before it was ready (the page and its API answers, on the
// wire and uncompressed). Ends with one JSON line:
// {"bench":"canvas","load_ratio":…,"work_ratio":…,"data_wire_bytes":…,"can_connect_per_s":…}.
import { log } from "@/server/log";
import { DEMO_PASSWORD } from "@/server/seed";
import {
  measure,
  openSession,
  type ReadySignal,
  type Sample,
  type Session,
  type Transfer,
} from "./canvas/browser";
import { benchCanConnect } from "./canvas/can-connect";
import { createBenchData, PROJECT_SLUG } from "./canvas/setup";
import { startServer, type RunningServer } from "./canvas/server";

const COMPONENTS = 500;
const LINES = 800;
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
// Issue #20's targets.
const TARGET = { work: 1.0, load: 1.2, canConnect: 1_000_000 };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (n: number) => `${n.toFixed(0).padStart(5)} ms`;
const verdict = (value: number, target: number, atMost: boolean) =>
  (atMost ? value <= target : value >= target) ? "ok" : "MISSED";

const figures = (s: Sample) =>
  `load ${ms(s.loadMs)}, work ${ms(s.workMs)} (script ${ms(s.scriptMs)}, style ${ms(s.styleMs)}, layout ${ms(s.layoutMs)})`;

interface Pages {
  patchbay: string;
  bare: string;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The page and API responses each page fetched before it was ready, from the warm-up load. */
const transfers: Record<keyof Pages, Transfer["requests"]> = { patchbay: [], bare: [] };

async function browse(session: Session, pages: Pages) {
  const samples: Record<keyof Pages, Sample[]> = { patchbay: [], bare: [] };
  // Warm-up (not counted): server caches, the browser's HTTP cache, and which ready signal each
  // page gives.
  const signal: Partial<Record<keyof Pages, ReadySignal>> = {};
  for (const kind of ["patchbay", "bare"] as const) {
    const warm = await measure(session, kind, pages[kind], undefined, LINES);
    signal[kind] = warm.readyBy;
    const { nodes, edges, elements } = warm.rendered;
    console.log(
      `${kind.padEnd(8)} renders ${nodes} nodes, ${edges} edges, ${elements.toLocaleString("en")} DOM elements`,
    );
    transfers[kind] = warm.data?.requests ?? [];
    for (const r of transfers[kind])
      console.log(
        `${"".padEnd(9)}${r.path.split("?")[0]!.slice(0, 60)}: ${kb(r.wireBytes)} on the wire (${r.encoding}), ${kb(r.bodyBytes)} uncompressed`,
      );
  }
  if (signal.patchbay === "nodes") {
    console.log(
      `note: the project canvas never set data-ready="true"; its load is timed to the first rendered .react-flow__node instead`,
    );
  }
  if (signal.bare !== "data-ready")
    throw new Error(
      "the bare page did not set data-ready: components/bench/bare-flow.tsx is broken",
    );
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order so drift on a noisy machine hits both pages alike.
    const order = run % 2 === 0 ? (["patchbay", "bare"] as const) : (["bare", "patchbay"] as const);
    for (const kind of order)
      samples[kind].push(await measure(session, kind, pages[kind], signal[kind], LINES));
    const [p, b] = [samples.patchbay.at(-1)!, samples.bare.at(-1)!];
    console.log(`run ${run + 1}: patchbay ${figures(p)}  |  bare ${figures(b)}`);
  }
  return samples;
}

async function main() {
  // Per-call tRPC logs would bury the figures; LOG_LEVEL still wins when set.
  if (!process.env.LOG_LEVEL) log.level = "warn";
  const started = performance.now();
  const data = await createBenchData(COMPONENTS, LINES);
  let server: RunningServer | undefined;
  let session: Session | undefined;
  let result: Record<string, unknown>;
  try {
    const { components, links } = data.diagram;
    console.log(
      `project ${PROJECT_SLUG}: ${components.length} components, ${links.length} lines (created in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (components.length !== COMPONENTS || links.length !== LINES)
      throw new Error(`expected ${COMPONENTS} components and ${LINES} lines`);

    const connect = benchCanConnect(data.diagram, data.catalog);
    console.log(
      `canConnect: ${connect.perSecond.toLocaleString("en")} checks/s (median of 5 × 2,000,000; ${(connect.validShare * 100).toFixed(0)}% allowed) ` +
        `target ≥ ${TARGET.canConnect.toLocaleString("en")}: ${verdict(connect.perSecond, TARGET.canConnect, false)}`,
    );

    const pages = {
      patchbay: `/o/acme/p/${PROJECT_SLUG}`,
      bare: `/bench/bare?project=${encodeURIComponent(data.projectId)}`,
    };
    let samples: Awaited<ReturnType<typeof browse>> | undefined;
    for (let attempt = 1; !samples; attempt++) {
      server = await startServer(data.databaseUrl, {
        port: process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined,
      });
      session = await openSession(server.url, "dev@acme.test", DEMO_PASSWORD);
      try {
        samples = await browse(session, pages);
      } catch (error) {
        // `.next` is shared: another `next build` in this checkout pulls it from under the
        // server. Start over on a fresh server rather than report half-broken figures.
        const died = server.died();
        if (!died || attempt === 3) throw died ? new Error(`the app server ${died}`) : error;
        console.log(
          `the app server ${died.split(";")[0]} mid-run (a concurrent next build?); starting over, attempt ${attempt + 1}/3`,
        );
        await session.close();
        await server.stop();
        session = server = undefined;
      }
    }

    // Field by field: the median load and the median work may come from different runs.
    const mid = (kind: keyof Pages): Sample => {
      const field = (f: "loadMs" | "workMs" | "scriptMs" | "styleMs" | "layoutMs") =>
        median(samples[kind].map((s) => s[f]));
      return {
        ...samples[kind][0]!,
        loadMs: field("loadMs"),
        workMs: field("workMs"),
        scriptMs: field("scriptMs"),
        styleMs: field("styleMs"),
        layoutMs: field("layoutMs"),
      };
    };
    const [p, b] = [mid("patchbay"), mid("bare")];
    const load = { patchbay: p.loadMs, bare: b.loadMs };
    const work = { patchbay: p.workMs, bare: b.workMs };
    const script = { patchbay: p.scriptMs, bare: b.scriptMs };
    const loadRatio = load.patchbay / load.bare;
    const workRatio = work.patchbay / work.bare;
    console.log(`median of ${RUNS}: patchbay ${figures(p)}`);
    console.log(`median of ${RUNS}: bare     ${figures(b)}`);
    console.log(
      `work ratio patchbay/bare ${workRatio.toFixed(2)} (target ≤ ${TARGET.work}): ${verdict(workRatio, TARGET.work, true)}`,
    );
    console.log(
      `load ratio patchbay/bare ${loadRatio.toFixed(2)} (target ≤ ${TARGET.load}): ${verdict(loadRatio, TARGET.load, true)}`,
    );
    for (const [label, problems] of session?.problems ?? []) {
      if (problems.size === 0) continue;
      console.log(`console messages on the ${label} page (${problems.size} distinct):`);
      for (const p of [...problems].slice(0, 5)) console.log(`  ${p}`);
    }

    const round = (n: number, digits = 0) => Number(n.toFixed(digits));
    result = {
      bench: "canvas",
      components: components.length,
      lines: links.length,
      runs: RUNS,
      load_ms: round(load.patchbay),
      bare_load_ms: round(load.bare),
      load_ratio: round(loadRatio, 3),
      work_ms: round(work.patchbay, 1),
      bare_work_ms: round(work.bare, 1),
      work_ratio: round(workRatio, 3),
      script_ms: round(script.patchbay, 1),
      bare_script_ms: round(script.bare, 1),
      can_connect_per_s: connect.perSecond,
      ...Object.fromEntries(
        (["patchbay", "bare"] as const).flatMap((kind) => {
          const prefix = kind === "patchbay" ? "" : "bare_";
          const all = transfers[kind];
          const sum = (f: "wireBytes" | "bodyBytes") => all.reduce((n, r) => n + r[f], 0);
          return [
            [`${prefix}data_requests`, all.length],
            [`${prefix}data_wire_bytes`, sum("wireBytes")],
            [`${prefix}data_bytes`, sum("bodyBytes")],
          ];
        }),
      ),
    };
  } finally {
    // Reverse order of acquisition; each step runs even when an earlier one failed.
    await session?.close().catch((e) => console.error("closing the browser:", e));
    await server?.stop().catch((e) => console.error("stopping the server:", e));
    await data.dropDatabase().catch((e) => console.error("dropping the scratch database:", e));
  }
  // After clean-up, so nothing the server prints while stopping can follow it.
  console.log(JSON.stringify(result));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
