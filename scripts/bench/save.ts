// `npm run bench -- save`: what one save costs as a project grows.
// 1. A scratch PostgreSQL database with one project per size (BENCH_SIZES, e.g. "10x2,100x6";
//    default 10, 100, 300 and 1,000 components × 2, 6 and 12 environments, ≈1.5 lines per
//    component), built through the real tRPC procedures (save/build.ts).
// 2. `npm start` on it, and a signed-in developer saving over HTTP exactly what the canvas sends
//    (`diagram.change` with its base revision): a move, a param change and a new line,
//    BENCH_SAVES (25) times each per project (save/measure.ts).
// Prints the median and p95 of each, the ratio of the largest project's slowest median to the
// smallest project's same median (target ≤ 1.5) and whether every median is ≤ 50 ms.
// 3. The largest project's reads (save/reads.ts): the canvas's `diagram.get` (one environment),
//    the whole `diagram.get` and `compare.environments`, with their size on the wire (gzip) and
//    uncompressed, and their median time.
// 4. Other calls that name one component (save/paths.ts), on the smallest and the largest
//    project: promoting one field, previewing a whole component's promotion and resolving its
//    inputs; their medians and the ratio largest / smallest.
// Ends with one JSON line:
// {"bench":"save","ratio":…,"max_median_ms":…,"results":[…],"reads":…,"paths":…}.
import { tmpdir } from "node:os";
import pg from "pg";
import path from "node:path";
import { log } from "@/server/log";
import { DEMO_PASSWORD } from "@/server/seed";
import { createScratchDatabase } from "@/test/scratch-db";
import { prepareDatabase } from "./canvas/setup";
import { startServer, type RunningServer } from "./canvas/server";
import { buildProjects, parseSizes, sizeLabel, type Size } from "./save/build";
import { type Figures, KINDS, type Kind, measureProject } from "./save/measure";
import { measurePaths, PATHS, type PathKind } from "./save/paths";
import { measureReads, type ReadFigures } from "./save/reads";
import { onInterrupt } from "./shared/cleanup";
import { round } from "./shared/stats";
import { signIn } from "./shared/trpc-http";

const SAVES = Math.max(1, Number(process.env.BENCH_SAVES ?? 25));
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
const TARGET = { ratio: 1.5, medianMs: 50 };

interface Result {
  size: Size;
  figures: Record<Kind, Figures>;
}

const cell = (f: Figures) => `${f.median.toFixed(1).padStart(7)} / ${f.p95.toFixed(1).padStart(7)}`;

const readJson = (r: ReadFigures) => ({
  wire_bytes: r.wireBytes,
  bytes: r.bytes,
  median_ms: round(r.medianMs),
});

async function settle(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("VACUUM (ANALYZE)");
  } finally {
    await client.end();
  }
}

type PathFigures = Record<PathKind, Figures>;

/** The other calls' medians on the smallest and largest project, and their ratio. */
function reportPaths(smallest: PathFigures, largest: PathFigures) {
  return Object.fromEntries(
    PATHS.map((k) => {
      const ratio = largest[k].median / smallest[k].median;
      console.log(
        `  ${k.padEnd(8)} smallest ${smallest[k].median.toFixed(1)} ms, largest ${largest[k].median.toFixed(1)} ms (p95 ${largest[k].p95.toFixed(1)}), ratio ${ratio.toFixed(2)}`,
      );
      return [
        k,
        {
          smallest_median_ms: round(smallest[k].median),
          largest_median_ms: round(largest[k].median),
          largest_p95_ms: round(largest[k].p95),
          ratio: round(ratio, 3),
        },
      ];
    }),
  );
}

function report(results: Result[], reads: Record<"canvas" | "diagram" | "compare", ReadFigures>) {
  console.log("");
  console.log(
    `${"components × envs".padEnd(18)}${KINDS.map((k) => `${k} median / p95 ms`.padStart(26)).join("")}`,
  );
  for (const r of results)
    console.log(
      `${`${r.size.components} × ${r.size.environments}`.padEnd(18)}${KINDS.map((k) => cell(r.figures[k]).padStart(26)).join("")}`,
    );
  const smallest = results[0]!;
  const largest = results.at(-1)!;
  const slowest = KINDS.reduce((a, b) =>
    largest.figures[b].median > largest.figures[a].median ? b : a,
  );
  const ratio = largest.figures[slowest].median / smallest.figures[slowest].median;
  const maxMedian = Math.max(...results.flatMap((r) => KINDS.map((k) => r.figures[k].median)));
  console.log("");
  console.log(
    `ratio ${sizeLabel(largest.size)} / ${sizeLabel(smallest.size)} on its slowest save (${slowest}): ${ratio.toFixed(2)} (target ≤ ${TARGET.ratio}): ${ratio <= TARGET.ratio ? "ok" : "MISSED"}`,
  );
  console.log(
    `slowest median ${maxMedian.toFixed(1)} ms (target: every median ≤ ${TARGET.medianMs} ms): ${maxMedian <= TARGET.medianMs ? "ok" : "MISSED"}`,
  );
  return {
    bench: "save",
    ratio: round(ratio, 3),
    ratio_of: slowest,
    max_median_ms: round(maxMedian),
    every_median_within_target: maxMedian <= TARGET.medianMs,
    saves: SAVES,
    results: results.map((r) => ({
      components: r.size.components,
      environments: r.size.environments,
      ...Object.fromEntries(
        KINDS.flatMap((k) => [
          [`${k}_median_ms`, round(r.figures[k].median)],
          [`${k}_p95_ms`, round(r.figures[k].p95)],
        ]),
      ),
    })),
    reads: {
      components: largest.size.components,
      environments: largest.size.environments,
      /** What the canvas reads: the environment it shows. */
      diagram_get_canvas: readJson(reads.canvas),
      diagram_get: readJson(reads.diagram),
      compare_environments: readJson(reads.compare),
    },
  };
}

async function main() {
  // Per-call tRPC logs would bury the figures; LOG_LEVEL still wins when set.
  if (!process.env.LOG_LEVEL) log.level = "warn";
  const sizes = parseSizes(process.env.BENCH_SIZES);
  console.log(`sizes (components x environments): ${sizes.map(sizeLabel).join(", ")}`);
  const started = performance.now();
  const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_PREFIX ?? "bench_save");
  let server: RunningServer | undefined;
  const cleanUp = async () => {
    await server?.stop().catch((e) => console.error("stopping the server:", e));
    await scratch.drop().catch((e) => console.error("dropping the scratch database:", e));
  };
  const stopListening = onInterrupt(cleanUp);
  let result: ReturnType<typeof report> & { paths?: ReturnType<typeof reportPaths> };
  try {
    const close = await prepareDatabase(scratch.url);
    const projects = await buildProjects(sizes).finally(close);
    // Building wrote hundreds of thousands of rows: vacuumed and analysed now, autovacuum does
    // not wake up in the middle of the timings (it did, and one size's medians doubled).
    await settle(scratch.url);
    console.log(
      `built in ${((performance.now() - started) / 1000).toFixed(1)} s; starting the app server…`,
    );
    server = await startServer(scratch.url, {
      port: PORT,
      dataDirPrefix: path.join(tmpdir(), "patchbay-bench-save-"),
    });
    const session = await signIn(server.url, "dev@acme.test", DEMO_PASSWORD);
    // A fresh server compiles routes and fills caches on its first requests: without this the
    // first (smallest) project would pay for it, and the ratio would flatter the largest.
    console.log("warming the server up (untimed saves on the smallest project)…");
    await measureProject(session, projects[0]!.projectId, 10);
    const results: Result[] = [];
    for (const project of projects) {
      const figures = await measureProject(session, project.projectId, SAVES);
      const died = server.died();
      if (died) throw new Error(`the app server ${died}`);
      console.log(
        `${sizeLabel(project.size).padEnd(8)} ${KINDS.map((k) => `${k} ${figures[k].median.toFixed(1)} ms (p95 ${figures[k].p95.toFixed(1)})`).join(", ")}`,
      );
      results.push({ size: project.size, figures });
    }
    const largest = projects.at(-1)!;
    console.log(`\nreads of the largest project (${sizeLabel(largest.size)}):`);
    const reads = await measureReads(session, largest.projectId);
    console.log("\nother calls naming one component, smallest and largest project:");
    const paths = reportPaths(
      await measurePaths(session, projects[0]!.projectId, SAVES),
      await measurePaths(session, largest.projectId, SAVES),
    );
    result = { ...report(results, reads), paths };
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
