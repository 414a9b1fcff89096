// `npm run bench -- diff`: the environment diff engine against microdiff, the smallest
// general-purpose deep diff, on the same pair of generated environments (1,000 instances ×
// 40 param leaves, ~9% of leaves differ). All are timed in the same process, in rotating
// order, after a warm-up; medians are reported. microdiff gets the two snapshots as plain
// objects (with its default options, and again with cyclesFix: false); ours also matches
// components and lines, sorts, formats paths and masks a sensitive param.
// Ends with one JSON line: {"bench":"diff","ours_ms":…,"microdiff_ms":…,"ratio":…}.
import microdiff from "microdiff";
import { diffEnvironments } from "@/server/domain/diff/diff";
import { maskSensitive } from "@/server/domain/diff/mask";
import { generatePair } from "./diff/generate";
import { crossCheck } from "./diff/cross-check";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 1000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 51));
const WARMUP = 20;
const TARGET = 1.5;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const { left, right, leaves } = generatePair(INSTANCES);
const mask = maskSensitive({ params: () => ["/admin_password"] });
const ours = () => diffEnvironments(left, right, { mask });
const theirs = () => microdiff(left, right);
// microdiff's defaults guard against cycles (JSON has none); also timed without, as the harder baseline.
const theirsAcyclic = () => microdiff(left, right, { cyclesFix: false });

// Keep every result reachable so no run can be optimised away.
let sink = 0;
for (let i = 0; i < WARMUP; i++)
  sink += ours().summary.changes + theirs().length + theirsAcyclic().length;

const contenders = {
  ours: () => ours().summary.changes,
  microdiff: () => theirs().length,
  acyclic: () => theirsAcyclic().length,
};
type Contender = keyof typeof contenders;
const samples: Record<Contender, number[]> = { ours: [], microdiff: [], acyclic: [] };
const order: Contender[] = ["ours", "microdiff", "acyclic"];
for (let run = 0; run < RUNS; run++) {
  // Rotate the order so drift (GC, CPU frequency) hits every contender alike.
  for (let k = 0; k < order.length; k++) {
    const kind = order[(run + k) % order.length]!;
    const started = performance.now();
    sink += contenders[kind]();
    samples[kind].push(performance.now() - started);
  }
}

const result = ours();
const theirResult = theirs();
const differences = theirResult.length;
crossCheck(result, theirResult);
const oursMs = median(samples.ours);
const microMs = median(samples.microdiff);
const acyclicMs = median(samples.acyclic);
const ratio = oursMs / microMs;
const { summary } = result;
const paramChanges = result.components.reduce(
  (n, c) => n + c.changes.filter((x) => x.kind === "param").length,
  0,
);

console.log(
  `${INSTANCES.toLocaleString("en")} instances, ${leaves.toLocaleString("en")} param leaves, ${left.links.length.toLocaleString("en")} lines per side`,
);
console.log(
  `ours: ${summary.changes.toLocaleString("en")} changes (${paramChanges.toLocaleString("en")} param leaves, ${summary.masked} masked) in ` +
    `${summary.components.changed} changed components; ${summary.links.changed} lines changed`,
);
console.log(
  `microdiff: ${differences.toLocaleString("en")} differences (whole subtrees count once, unordered, no masking)`,
);
console.log(
  `median of ${RUNS} runs: ours ${oursMs.toFixed(2)} ms, microdiff ${microMs.toFixed(2)} ms (${acyclicMs.toFixed(2)} ms with cyclesFix: false)`,
);
console.log(
  `ratio ours/microdiff ${ratio.toFixed(2)} (target ≤ ${TARGET}): ${ratio <= TARGET ? "ok" : "MISSED"}; against cyclesFix: false ${(oursMs / acyclicMs).toFixed(2)}`,
);
if (sink < 0) console.log(sink);

const round = (n: number, digits: number) => Number(n.toFixed(digits));
console.log(
  JSON.stringify({
    bench: "diff",
    ours_ms: round(oursMs, 3),
    microdiff_ms: round(microMs, 3),
    ratio: round(ratio, 3),
    microdiff_acyclic_ms: round(acyclicMs, 3),
    ratio_acyclic: round(oursMs / acyclicMs, 3),
    target: TARGET,
    instances: INSTANCES,
    param_leaves: leaves,
    changes: summary.changes,
    microdiff_differences: differences,
    runs: RUNS,
  }),
);
