// `npm run bench -- NAME` runs scripts/bench/NAME.ts. Each bench prints its figures and
// ends with one line of JSON ({"bench":NAME,...}) so results can be compared over time.
import { existsSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import path from "node:path";

// Resolves `server-only` as Next's server does (scripts/server-runtime.mjs).
const SERVER_RUNTIME = path.resolve(import.meta.dirname, "server-runtime.mjs");

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
  [
    "--import",
    "tsx",
    "--import",
    SERVER_RUNTIME,
    path.join(dir, `${name}.ts`),
    ...process.argv.slice(3),
  ],
  {
    stdio: "inherit",
  },
);
process.exit(run.status ?? 1);
