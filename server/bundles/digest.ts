// Content digests for immutable-version syncing: a published bundle version whose digest
// changes is a bug (someone edited a released bundle), and the sync refuses it.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** JSON with object keys sorted recursively, so equal data always hashes equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

/** sha256 of every regular file below `dir`, keyed by path relative to `root` (posix). */
export function hashTree(root: string, dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      // Provisioner working state is not part of the bundle.
      if (entry === ".terraform" || entry === ".terraform.lock.hcl" || entry.endsWith(".tfstate"))
        continue;
      const full = path.join(current, entry);
      const stat = statSync(full);
      if (stat.isDirectory()) walk(full);
      else if (stat.isFile())
        out[path.relative(root, full).split(path.sep).join("/")] = sha256(readFileSync(full));
    }
  };
  walk(dir);
  return out;
}

/** Digest of a definition plus the files it ships (IaC source). */
export function definitionDigest(definition: unknown, files: Record<string, string> = {}): string {
  return sha256(canonicalJson({ definition, files }));
}
