// Secrets generated once for a machine and kept in the data directory with 0600 permissions,
// used when the matching environment variable is not set (embedded / demo mode).
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function localSecret(dataDir: string, file: string, bytes = 32): string {
  const target = path.join(dataDir, file);
  if (existsSync(target)) return readFileSync(target, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString("base64");
  writeFileSync(target, `${value}\n`, { mode: 0o600 });
  chmodSync(target, 0o600);
  return value;
}
