// `npm test`: every test. Type check, the house checks (format, lint, dead code, sizes, and the
// server's boundaries: scripts/check-boundaries.ts), Vitest (unit + integration on PGlite, and
// on PostgreSQL when reachable), then the Playwright journeys in Debian's Chromium against a
// real server — once on the embedded database and once on PostgreSQL. Ends with "N passed, N
// failed".
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ADMIN_URL, createScratchDatabase } from "../test/scratch-db";
import { buildIfNeeded } from "./build-if-needed";

// Resolves `server-only` as Next's server does (scripts/server-runtime.mjs).
const SERVER_RUNTIME = path.resolve(import.meta.dirname, "server-runtime.mjs");

const root = process.cwd();
// The journeys import these through the catalog's import panel.
const MASSDRIVER_FIXTURES =
  process.env.MASSDRIVER_FIXTURES ?? path.resolve(root, "../shared/fixtures/massdriver");
// Two versions of one test bundle, for the broken-line journey (e2e/canvas-editing.spec.ts).
const E2E_IMPORT_FIXTURES = path.resolve(root, "test/fixtures/e2e-import");
// One Massdriver bundle per import failure class, for e2e/catalog-import.spec.ts.
const MASSDRIVER_CLASS_FIXTURES = path.resolve(root, "test/fixtures/massdriver-import");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";
const tally = { passed: 0, failed: 0, skipped: 0 };
// The security suites' figures (test/figures.ts), repeated in the summary.
const figuresFile = path.join(mkdtempSync(path.join(tmpdir(), "patchbay-figures-")), "figures.txt");
process.env.PATCHBAY_FIGURES_FILE = figuresFile;
const lines: string[] = [];
const startedAt = Date.now();

// Seconds since `since`, for the summary: CI time is watched step by step.
function took(since: number): string {
  return `${Math.round((Date.now() - since) / 1000)} s`;
}

// The slowest files of a suite, so a rise in CI time points at its cause.
function slowest(files: { name: string; ms: number }[], count = 5): string {
  return files
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((f) => `${path.relative(root, f.name)} ${Math.round(f.ms / 1000)} s`)
    .join(", ");
}

function run(cmd: string, args: string[], env: Record<string, string> = {}): number {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      srv.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early (code ${child.exitCode})`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("server did not become healthy within 120 s");
}

// The journeys test the UI; what the server does on each database is covered by Vitest on both.
// On PostgreSQL they run again only where the server itself behaves differently there: the
// runner (pg-boss and separate workers instead of the in-process queue), concurrent editors and
// live sync (row locks, revisions), and the audit chain.
const POSTGRES_JOURNEYS = [
  "e2e/deploy-run.spec.ts",
  "e2e/deploy-review.spec.ts",
  "e2e/deploy-request.spec.ts",
  "e2e/terraform-plan.spec.ts",
  "e2e/state-backend.spec.ts",
  "e2e/drift.spec.ts",
  "e2e/concurrency.spec.ts",
  "e2e/canvas-sync.spec.ts",
  "e2e/audit.spec.ts",
].filter((spec) => existsSync(path.join(root, spec)));

async function e2e(
  label: string,
  databaseUrl: string | undefined,
  specs: string[] = [],
): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "patchbay-e2e-"));
  const port = await freePort();
  const jsonFile = path.join(dataDir, "playwright.json");
  const server = spawn(
    process.execPath,
    ["--import", "tsx", "--import", SERVER_RUNTIME, "scripts/start.ts"],
    {
      env: {
        ...process.env,
        PORT: String(port),
        PATCHBAY_DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl ?? "",
        LOG_LEVEL: "warn",
        PATCHBAY_IMPORT_ROOTS: [
          MASSDRIVER_FIXTURES,
          E2E_IMPORT_FIXTURES,
          MASSDRIVER_CLASS_FIXTURES,
        ].join(path.delimiter),
      },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  try {
    await waitForHealth(`http://127.0.0.1:${port}`, server);
    const began = Date.now();
    console.log(`\n▶ Playwright journeys against ${label}`);
    run("npx", ["playwright", "test", ...specs], {
      PATCHBAY_E2E_LABEL: label,
      PATCHBAY_BASE_URL: `http://localhost:${port}`,
      PLAYWRIGHT_JSON: jsonFile,
      CHROMIUM_PATH: chromium,
    });
    const report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, "utf8")) : null;
    const stats = report?.stats ?? null;
    const passed = stats?.expected ?? 0;
    const failed = (stats?.unexpected ?? 0) + (stats?.flaky ?? 0) + (stats ? 0 : 1);
    tally.passed += passed;
    tally.failed += failed;
    tally.skipped += stats?.skipped ?? 0;
    lines.push(`playwright [${label}]: ${passed} passed, ${failed} failed (${took(began)})`);
    lines.push(`  slowest: ${slowest(journeyTimes(report))}`);
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Playwright's JSON report: each journey file's time, its tests' durations summed.
type PlaywrightSuite = {
  file: string;
  specs?: { tests: { results: { duration: number }[] }[] }[];
  suites?: PlaywrightSuite[];
};
function journeyTimes(report: { suites?: PlaywrightSuite[] } | null) {
  const sum = (suite: PlaywrightSuite): number =>
    (suite.specs ?? []).reduce(
      (ms, spec) =>
        ms +
        spec.tests.reduce((t, test) => t + test.results.reduce((r, x) => r + x.duration, 0), 0),
      0,
    ) + (suite.suites ?? []).reduce((ms, inner) => ms + sum(inner), 0);
  return (report?.suites ?? []).map((suite) => ({
    name: path.join("e2e", suite.file),
    ms: sum(suite),
  }));
}

async function main() {
  const havePg = await postgresReachable();
  if (!havePg && process.env.CI) {
    console.error(
      `PostgreSQL is not reachable at ${ADMIN_URL}; CI must cover both databases (see .ci/run).`,
    );
    process.exit(1);
  }
  const databases = havePg ? "pglite,postgresql" : "pglite";
  console.log(
    `Databases under test: PGlite (embedded)${havePg ? ` and PostgreSQL (${ADMIN_URL.replace(/:[^:@/]*@/, ":***@")})` : " only — PostgreSQL unreachable, set TEST_DATABASE_URL"}`,
  );

  console.log("\n▶ Type check (tsc --noEmit)");
  let began = Date.now();
  const tsc = run("npx", ["tsc", "--noEmit", "-p", "."]);
  tally[tsc === 0 ? "passed" : "failed"] += 1;
  lines.push(`typecheck: ${tsc === 0 ? "ok" : "FAILED"} (${took(began)})`);

  // The house: format, lint, dead code (Biome, knip), columns and file sizes.
  for (const [label, args] of [
    ["format + lint (biome check)", ["biome", "check", "."]],
    ["dead code (knip)", ["knip", "--no-progress"]],
    ["house (columns, file sizes)", ["tsx", "scripts/check-house.ts"]],
    // No cycle between server folders, no import up a tier; prints the folder graph.
    ["boundaries (server folder graph)", ["tsx", "scripts/check-boundaries.ts"]],
  ] as const) {
    console.log(`\n▶ ${label}`);
    began = Date.now();
    const code = run("npx", [...args]);
    tally[code === 0 ? "passed" : "failed"] += 1;
    lines.push(`${label}: ${code === 0 ? "ok" : "FAILED"} (${took(began)})`);
  }

  console.log(`\n▶ Vitest: unit and integration tests (databases: ${databases})`);
  began = Date.now();
  const vitestJson = path.join(mkdtempSync(path.join(tmpdir(), "patchbay-vitest-")), "vitest.json");
  run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    {
      PATCHBAY_TEST_DATABASES: databases,
      NODE_ENV: "test",
    },
  );
  const v = existsSync(vitestJson) ? JSON.parse(readFileSync(vitestJson, "utf8")) : null;
  const vPassed = v?.numPassedTests ?? 0;
  const vFailed =
    (v?.numFailedTests ?? 0) +
    (v ? 0 : 1) +
    (v && v.numFailedTestSuites > 0 && v.numFailedTests === 0 ? 1 : 0);
  tally.passed += vPassed;
  tally.failed += vFailed;
  tally.skipped += (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0);
  lines.push(`vitest [${databases}]: ${vPassed} passed, ${vFailed} failed (${took(began)})`);
  const vFiles = (v?.testResults ?? []).map(
    (f: { name: string; startTime: number; endTime: number }) => ({
      name: f.name,
      ms: f.endTime - f.startTime,
    }),
  );
  lines.push(`  slowest: ${slowest(vFiles)}`);
  // Name what failed in the summary: the end of a long log is often all a reader gets.
  for (const file of v?.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === "failed") {
        lines.push(`  ✗ ${path.relative(root, file.name)} › ${t.fullName ?? t.title}`);
      }
    }
    if (file.status === "failed" && (file.assertionResults ?? []).length === 0) {
      lines.push(`  ✗ ${path.relative(root, file.name)}: ${String(file.message).slice(0, 200)}`);
    }
  }

  if (!existsSync(chromium)) {
    console.error(
      `Chromium not found at ${chromium}: install it with apt-get install -y chromium (or set CHROMIUM_PATH).`,
    );
    tally.failed += 1;
    lines.push("playwright: Chromium missing");
  } else {
    buildIfNeeded(root);
    await e2e("embedded PGlite", undefined);
    if (havePg) {
      const scratch = await createScratchDatabase();
      try {
        await e2e("PostgreSQL", scratch.url, POSTGRES_JOURNEYS);
      } finally {
        await scratch.drop();
      }
    }
  }

  console.log("\n── Summary ──");
  for (const line of lines) console.log(line);
  if (existsSync(figuresFile))
    for (const line of readFileSync(figuresFile, "utf8").trim().split("\n"))
      console.log(`  ${line}`);
  console.log(`npm test took ${took(startedAt)}`);
  console.log(
    `${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ""}`,
  );
  process.exit(tally.failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
