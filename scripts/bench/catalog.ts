// Catalog load + validation time: the shipped catalog, and a generated 200-bundle one
// (shipped bundles cloned under new names into a temp dir). Prints medians of several
// runs; the last line is one JSON object for `npm run bench -- catalog` history.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ARTIFACT_TYPES_DIR, BUNDLE_FILE, loadCatalog } from "@/server/bundles/loader";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const GENERATED = 200;
const shipped = path.resolve(import.meta.dirname, "../../bundles");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (i: number) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

function time(dir: string, expectBundles: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const catalog = loadCatalog(dir);
    samples.push(performance.now() - started);
    if (catalog.errors.length > 0 || catalog.bundles.length !== expectBundles) {
      throw new Error(
        `bench catalog ${dir} is not clean: ${catalog.errors.length} errors, ${catalog.bundles.length} bundles`,
      );
    }
  }
  return samples;
}

function generate(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "patchbay-bench-catalog-"));
  cpSync(path.join(shipped, ARTIFACT_TYPES_DIR), path.join(dir, ARTIFACT_TYPES_DIR), {
    recursive: true,
  });
  const templates = readdirSync(shipped).filter(
    (e) => e !== ARTIFACT_TYPES_DIR && !e.includes("."),
  );
  for (let i = 0; i < GENERATED; i++) {
    const source = templates[i % templates.length]!;
    const name = `gen-${String(i).padStart(3, "0")}-${source}`;
    cpSync(path.join(shipped, source), path.join(dir, name), { recursive: true });
    const yaml = readFileSync(path.join(shipped, source, BUNDLE_FILE), "utf8").replace(
      /^name: .*$/m,
      `name: ${name}`,
    );
    writeFileSync(path.join(dir, name, BUNDLE_FILE), yaml);
  }
  return dir;
}

const shippedCount = loadCatalog(shipped).bundles.length; // also warms up module loading
const shippedMs = median(time(shipped, shippedCount));
const generatedDir = generate();
let generatedMs: number;
try {
  generatedMs = median(time(generatedDir, GENERATED));
} finally {
  rmSync(generatedDir, { recursive: true, force: true });
}

const round = (n: number) => Math.round(n * 10) / 10;
console.log(
  `shipped catalog (${shippedCount} bundles): median ${round(shippedMs)} ms over ${RUNS} runs`,
);
console.log(
  `generated catalog (${GENERATED} bundles): median ${round(generatedMs)} ms over ${RUNS} runs`,
);
console.log(
  JSON.stringify({
    bench: "catalog",
    runs: RUNS,
    shipped_bundles: shippedCount,
    shipped_ms: round(shippedMs),
    generated_200_ms: round(generatedMs),
    bundles_per_s: Math.round(GENERATED / (generatedMs / 1000)),
  }),
);
