// Massdriver bundles `$ref` the types of its published artifact definitions by URL, e.g.
// `https://raw.githubusercontent.com/massdriver-cloud/artifact-definitions/main/definitions/` +
// `types/aws-region.json`. Patchbay never fetches a ref: such a URL resolves offline against the
// `types/` files of the same import, else against the types the organization imported before;
// anything else is an error.
import path from "node:path";
import type { JsonSchema } from "@/server/domain/catalog/types";

/** Where URL refs to Massdriver types resolve. */
export interface TypeSources {
  /** Type name → real path of a JSON file under a `types/` folder of this import. */
  batch: ReadonlyMap<string, string>;
  /** Type name → schema (file refs already inlined) the organization imported before. */
  stored: ReadonlyMap<string, JsonSchema>;
}

export const isUrl = (ref: string) => /^[a-z][a-z0-9+.-]*:/i.test(ref);

/** The type a Massdriver type URL names (`…/types/<name>.json`), or undefined. */
export function massdriverTypeName(ref: string): string | undefined {
  if (!/^https?:\/\//i.test(ref)) return undefined;
  let pathname: string;
  try {
    pathname = new URL(ref).pathname;
  } catch {
    return undefined;
  }
  return /\/types\/([A-Za-z0-9][A-Za-z0-9._-]*)\.json$/.exec(pathname)?.[1];
}

/** The import's own type files: JSON files whose folder is named `types`, by file name. */
export function batchTypes(files: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const file of files) {
    if (path.basename(path.dirname(file)) !== "types" || !file.endsWith(".json")) continue;
    const name = path.basename(file, ".json");
    if (!out.has(name)) out.set(name, file);
  }
  return out;
}
