import path from "node:path";
import { containedPath, readContainedFile, realRoot } from "../bundles/contained-path";
import { catalogRoot } from "./root";

/**
 * The README.md next to a bundle's bundle.yaml (`source` is relative to the catalog root),
 * or null. Size-capped: the page renders it as text.
 */
export function readBundleReadme(source: string, root = catalogRoot()): string | null {
  // `source` comes from the database; never follow it (or a link) out of the catalog directory.
  let real: string;
  try {
    real = realRoot(root);
  } catch {
    return null;
  }
  if (path.isAbsolute(source)) return null;
  const file = containedPath(real, real, path.join(path.dirname(source), "README.md"));
  if (!file.path) return null;
  const read = readContainedFile(file.path, "README.md");
  return read.text === undefined ? null : read.text.slice(0, 100_000);
}
