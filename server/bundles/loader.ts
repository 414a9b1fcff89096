// Loads the catalog from disk:
//   <root>/artifact-types/<name>.yaml      artifact types
//   <root>/<name>/bundle.yaml (+ IaC)      bundles
//   <root>/imported/                       a nested catalog with the same layout
//                                          (written by `npm run bundles:import -- --write`)
// Every file is validated on its own: a broken file yields errors and is left out, the
// rest of the catalog still loads.
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import type {
  ArtifactTypeDefinition,
  BundleDefinition,
  Catalog,
  CatalogError,
} from "@/server/domain/catalog/types";
import { definitionDigest } from "./digest";
import { createAjv } from "./json-schema";
import { MAX_RUNBOOK_CHARS, RUNBOOK_FILE } from "./massdriver-runbook";
import { validateArtifactType } from "./validate-artifact-type";
import { validateBundle } from "./validate-bundle";

export const ARTIFACT_TYPES_DIR = "artifact-types";
export const IMPORTED_DIR = "imported";
export const BUNDLE_FILE = "bundle.yaml";

/** Parse YAML, reporting syntax errors with their line instead of throwing. */
function readYaml(file: string): { value?: unknown; error?: CatalogError } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      error: { file, path: "/", rule: "file-unreadable", message: (error as Error).message },
    };
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  const [first] = doc.errors;
  if (first) {
    const line = first.linePos?.[0]?.line;
    return {
      error: {
        file,
        path: "/",
        rule: "yaml-syntax",
        message: `${line ? `line ${line}: ` : ""}${first.message.split("\n")[0]}`,
      },
    };
  }
  return { value: doc.toJS({ maxAliasCount: 100 }) };
}

interface Found {
  types: { file: string; source: string; name: string }[];
  bundles: { file: string; source: string; dir: string; name: string }[];
  errors: CatalogError[];
}

function discover(root: string, prefix: string, found: Found) {
  const typesDir = path.join(root, ARTIFACT_TYPES_DIR);
  if (existsSync(typesDir)) {
    for (const entry of readdirSync(typesDir).sort()) {
      if (!/\.ya?ml$/.test(entry)) continue;
      const source = path.posix.join(prefix, ARTIFACT_TYPES_DIR, entry);
      found.types.push({
        file: path.join(typesDir, entry),
        source,
        name: entry.replace(/\.ya?ml$/, ""),
      });
    }
  }
  for (const entry of readdirSync(root).sort()) {
    const dir = path.join(root, entry);
    if (entry === ARTIFACT_TYPES_DIR || entry.startsWith(".") || !statSync(dir).isDirectory())
      continue;
    if (entry === IMPORTED_DIR && prefix === "") {
      discover(dir, IMPORTED_DIR, found);
      continue;
    }
    const file = path.join(dir, BUNDLE_FILE);
    const source = path.posix.join(prefix, entry, BUNDLE_FILE);
    if (!existsSync(file)) {
      found.errors.push({
        file: dir,
        path: "/",
        rule: "missing-bundle-file",
        message: `directory has no ${BUNDLE_FILE}`,
      });
      continue;
    }
    found.bundles.push({ file, source, dir, name: entry });
  }
}

/**
 * Load and validate a catalog directory. Never throws for content problems: they are
 * returned in `errors` as `{file, path (JSON pointer), rule, message}`.
 */
export function loadCatalog(root: string): Catalog {
  const found: Found = { types: [], bundles: [], errors: [] };
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return {
      bundles: [],
      artifactTypes: [],
      errors: [
        {
          file: root,
          path: "/",
          rule: "catalog-missing",
          message: "catalog directory does not exist",
        },
      ],
    };
  }
  discover(root, "", found);
  const ajv = createAjv();
  const errors = [...found.errors];

  const types = new Map<string, ArtifactTypeDefinition>();
  const brokenTypes = new Set<string>();
  for (const entry of found.types) {
    const parsed = readYaml(entry.file);
    const result = parsed.error
      ? { errors: [parsed.error] }
      : validateArtifactType(parsed.value, {
          file: entry.file,
          source: entry.source,
          ajv,
          expectedName: entry.name,
        });
    errors.push(...result.errors);
    const def = "definition" in result ? result.definition : undefined;
    if (!def) {
      brokenTypes.add(entry.name);
    } else if (types.has(def.name)) {
      errors.push({
        file: entry.file,
        path: "/name",
        rule: "duplicate-name",
        message: `artifact type "${def.name}" is also defined in ${types.get(def.name)!.source}`,
      });
    } else {
      types.set(def.name, def);
    }
  }

  const bundles = new Map<string, BundleDefinition>();
  for (const entry of found.bundles) {
    const parsed = readYaml(entry.file);
    const result = parsed.error
      ? { errors: [parsed.error] }
      : validateBundle(parsed.value, {
          file: entry.file,
          source: entry.source,
          ajv,
          types,
          brokenTypes,
          dir: entry.dir,
          expectedName: entry.name,
        });
    errors.push(...result.errors);
    const def = withRunbook(
      "definition" in result ? result.definition : undefined,
      entry.dir,
      errors,
    );
    if (!def) continue;
    if (bundles.has(def.name)) {
      errors.push({
        file: entry.file,
        path: "/name",
        rule: "duplicate-name",
        message: `bundle "${def.name}" is also defined in ${bundles.get(def.name)!.source}`,
      });
    } else {
      bundles.set(def.name, def);
    }
  }
  return { bundles: [...bundles.values()], artifactTypes: [...types.values()], errors };
}

/**
 * A bundle directory's `operator.md` (the runbook an import wrote, or one written by hand) joins
 * its definition and its digest: a changed guide at a published version is refused like any
 * other change.
 */
function withRunbook(
  def: BundleDefinition | undefined,
  dir: string,
  errors: CatalogError[],
): BundleDefinition | undefined {
  const file = path.join(dir, RUNBOOK_FILE);
  if (!def || !existsSync(file)) return def;
  const runbook = readFileSync(file, "utf8");
  if (runbook.length > MAX_RUNBOOK_CHARS) {
    errors.push({
      file,
      path: "/",
      rule: "runbook-too-long",
      message: `the operator guide is longer than ${MAX_RUNBOOK_CHARS} characters`,
    });
    return undefined;
  }
  return { ...def, runbook, digest: definitionDigest({ digest: def.digest, runbook }) };
}

/** `file: path: rule: message`, the one-line form printed by `npm run bundles:check`. */
export function formatCatalogError(error: CatalogError, cwd = process.cwd()): string {
  const file = path.isAbsolute(error.file)
    ? path.relative(cwd, error.file) || error.file
    : error.file;
  return `${file}: ${error.path}: ${error.rule}: ${error.message}`;
}
