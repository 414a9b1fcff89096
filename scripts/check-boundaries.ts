// `npm run check:boundaries`: the server is a graph of folders, checked. Runs dependency-cruiser
// with .dependency-cruiser.cjs (no module cycles, a pure domain, Prisma only in repositories,
// no import that climbs a layer), then refuses any cycle between server folders — a rule sees
// modules, and two folders can import each other through modules that form no cycle — and
// prints the folder graph, tier by tier. `--json` ends with the figures as one JSON line.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { folderGraph, stronglyConnected, type Graph } from "./boundaries/graph";

interface Tier {
  name: string;
  folders: string[] | null;
}

interface CruiseResult {
  modules: { source: string; dependencies: { resolved: string; dependencyTypes: string[] }[] }[];
  summary: {
    violations: { rule: { name: string }; from: string; to: string; cycle?: { name: string }[] }[];
  };
}

const { tiers } = createRequire(import.meta.url)("./boundaries/tiers.cjs") as {
  tiers: Tier[];
};

function cruise(): CruiseResult {
  const run = spawnSync(
    "npx",
    [
      "depcruise",
      "server",
      "app",
      "components",
      "scripts/cli",
      "--config",
      ".dependency-cruiser.cjs",
      "--output-type",
      "json",
    ],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  // depcruise exits non-zero when rules are broken; the JSON is still complete.
  if (!run.stdout) throw new Error(`dependency-cruiser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as CruiseResult;
}

function tierOf(folder: string): string {
  return (
    tiers.find((t) => t.folders?.includes(folder))?.name ??
    tiers.find((t) => t.folders === null)!.name
  );
}

function printGraph(graph: Graph) {
  const order = tiers.map((t) => t.name);
  const folders = [...graph.keys()].sort(
    (a, b) => order.indexOf(tierOf(a)) - order.indexOf(tierOf(b)) || a.localeCompare(b),
  );
  let tier = "";
  for (const folder of folders) {
    if (tierOf(folder) !== tier) {
      tier = tierOf(folder);
      console.log(`  ${tier}`);
    }
    const deps = [...graph.get(folder)!].sort();
    console.log(`    ${folder.padEnd(20)} → ${deps.length ? deps.join(", ") : "(nothing)"}`);
  }
}

const result = cruise();
const graph = folderGraph(result.modules);
const folderCycles = stronglyConnected(graph).filter((c) => c.length > 1);
const moduleGraph: Graph = new Map(
  result.modules
    .filter((m) => m.source.startsWith("server/"))
    .map((m) => [
      m.source,
      new Set(m.dependencies.map((d) => d.resolved).filter((r) => r.startsWith("server/"))),
    ]),
);
const moduleCycles = stronglyConnected(moduleGraph).filter((c) => c.length > 1);

console.log("Server folder graph (tiers low to high; each folder → the folders it imports):");
printGraph(graph);
const sizes = (cycles: string[][]) => cycles.map((c) => c.length).sort((a, b) => b - a);
console.log(
  `folder cycles: ${folderCycles.length}${folderCycles.length ? ` (sizes ${sizes(folderCycles).join(", ")})` : ""}; module cycles: ${moduleCycles.length}${moduleCycles.length ? ` (sizes ${sizes(moduleCycles).join(", ")})` : ""}`,
);
for (const cycle of folderCycles) console.error(`✗ folder cycle: ${cycle.sort().join(" ↔ ")}`);
const violations = result.summary.violations;
for (const v of violations) console.error(`✗ ${v.rule.name}: ${v.from} → ${v.to}`);
const failed = folderCycles.length > 0 || violations.length > 0;
console.log(
  failed
    ? `boundaries: FAILED (${violations.length} rule violations, ${folderCycles.length} folder cycles)`
    : "boundaries: ok (no folder cycle, no rule broken)",
);
if (process.argv.includes("--json"))
  console.log(
    JSON.stringify({
      check: "boundaries",
      folders: graph.size,
      folder_cycles: sizes(folderCycles),
      module_cycles: sizes(moduleCycles),
      violations: violations.length,
    }),
  );
process.exit(failed ? 1 : 0);
