import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { catalogRoot } from "./root";

/**
 * The README.md next to a bundle's bundle.yaml (`source` is relative to the catalog root),
 * or null. Size-capped: the page renders it as text.
 */
export function readBundleReadme(source: string, root = catalogRoot()): string | null {
  const dir = path.resolve(root, path.dirname(source));
  // `source` comes from the database; never follow it out of the catalog directory.
  if (!dir.startsWith(path.resolve(root) + path.sep)) return null;
  const file = path.join(dir, "README.md");
  if (!existsSync(file)) return null;
  return readFileSync(file, "utf8").slice(0, 100_000);
}
