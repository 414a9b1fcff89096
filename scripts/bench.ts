// `npm run bench -- NAME` runs scripts/bench/NAME.ts. Each bench prints its figures and
// ends with one line of JSON ({"bench":NAME,...}) so results can be compared over time.
import { existsSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

const dir = path.join(import.meta.dirname, "bench");
const available = readdirSync(dir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.replace(/\.ts$/, ""));
const name = process.argv[2];
if (!name || !existsSync(path.join(dir, `${name}.ts`))) {
  console.error(`usage: npm run bench -- NAME   (one of: ${available.join(", ")})`);
  process.exit(2);
}
const run = spawnSync(
  process.execPath,
  ["--import", "tsx", path.join(dir, `${name}.ts`), ...process.argv.slice(3)],
  {
    stdio: "inherit",
  },
);
process.exit(run.status ?? 1);
