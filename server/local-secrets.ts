// The data directory (embedded database, machine-local secrets) is private to the user that
// runs Patchbay: the directory and everything in it 0700/0600, and new files created so
// (umask 077), whatever the shell's umask was. Secrets generated once for a machine live
// there, used when the matching environment variable is not set (embedded / demo mode).
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

/**
 * Makes `dataDir` private: umask 077 for this process (PGlite writes files as it goes), the
 * directory created 0700, and anything already in it (from an older version or a looser
 * umask) tightened to 0700 for directories, 0600 for files. Symbolic links are left alone.
 */
export function securePrivateDir(dataDir: string): void {
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  tightenTree(dataDir);
}

/** Directories 0700, files without group/other bits, below and including `root`. */
export function tightenTree(root: string): void {
  const tighten = (target: string) => {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(target, 0o700);
      for (const entry of readdirSync(target)) tighten(path.join(target, entry));
    } else if ((stat.mode & 0o077) !== 0) {
      chmodSync(target, stat.mode & 0o700);
    }
  };
  tighten(root);
}

export function localSecret(dataDir: string, file: string, bytes = 32): string {
  const target = path.join(dataDir, file);
  if (existsSync(target)) return readFileSync(target, "utf8").trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString("base64");
  writeFileSync(target, `${value}\n`, { mode: 0o600 });
  chmodSync(target, 0o600);
  return value;
}
