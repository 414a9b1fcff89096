// `next build` only when the sources changed since the last build: `npm start` stays fast on a
// second start, and always serves what is on disk.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "server",
  "bundles",
  "public",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];

function walk(entry: string, files: string[]): void {
  if (!existsSync(entry)) return;
  if (statSync(entry).isDirectory()) {
    for (const child of readdirSync(entry).sort()) {
      if (!child.startsWith(".") && !child.endsWith(".test.ts"))
        walk(path.join(entry, child), files);
    }
  } else files.push(entry);
}

export function sourceHash(root = process.cwd()): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = createHash("sha256");
  for (const file of files)
    hash.update(path.relative(root, file)).update("\0").update(readFileSync(file));
  return hash.digest("hex");
}

export function buildIfNeeded(root = process.cwd()): void {
  const marker = path.join(root, ".next", "patchbay-build-hash");
  const hash = sourceHash(root);
  const built =
    existsSync(path.join(root, ".next", "BUILD_ID")) &&
    existsSync(marker) &&
    readFileSync(marker, "utf8") === hash;
  if (built) return;
  console.log("Building the web app (next build)…");
  const run = spawnSync(
    process.execPath,
    [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"],
    {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (run.status !== 0) throw new Error("next build failed");
  writeFileSync(marker, hash);
}

if (import.meta.url === `file://${process.argv[1]}`) buildIfNeeded();
