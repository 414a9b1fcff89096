// The data directory is private: created 0700, anything already there tightened, new files
// (PGlite's, the generated keys) 0600 whatever umask the shell had.
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "./db/connect";
import { registerDatabase } from "./db";
import { localSecret, securePrivateDir } from "./local-secrets";

const umask = process.umask();
let root: string | undefined;
afterEach(() => {
  process.umask(umask);
  if (root) rmSync(root, { recursive: true, force: true });
});

function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (p: string) => {
    const s = statSync(p);
    out[path.relative(dir, p) || "."] = (s.mode & 0o777).toString(8);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(path.join(p, e));
  };
  walk(dir);
  return out;
}

it("makes the data directory and everything in it private, including the embedded database's files", async () => {
  process.umask(0o022); // a typical shell
  root = mkdtempSync(path.join(tmpdir(), "patchbay-perm-"));
  const dataDir = path.join(root, "data");
  // An older install: world-readable key, world-writable folder.
  mkdirSync(path.join(dataDir, "old"), { recursive: true });
  writeFileSync(path.join(dataDir, "old", "note"), "x");
  chmodSync(path.join(dataDir, "old"), 0o777);
  chmodSync(path.join(dataDir, "old", "note"), 0o666);
  chmodSync(dataDir, 0o755);

  securePrivateDir(dataDir);
  localSecret(dataDir, "auth-secret");
  const database = await openDatabase({ dataDir: path.join(dataDir, "pgdata"), register: false });
  await database.sql.exec("CREATE TABLE t (x int); INSERT INTO t VALUES (1)");
  await database.close();
  registerDatabase(undefined);

  const found = modes(dataDir);
  expect(Object.keys(found).length).toBeGreaterThan(10);
  const loose = Object.entries(found).filter(([, mode]) => (parseInt(mode, 8) & 0o077) !== 0);
  expect(loose).toEqual([]);
  expect(found["."]).toBe("700");
  expect(found["auth-secret"]).toBe("600");
  expect(found["old/note"]).toBe("600");
}, 60_000);
