// Import Massdriver bundles and artifact definitions (v1 and v2) into Patchbay's format.
// Conversion never drops anything silently: every key that cannot be carried over is a
// warning `{file, path, message}`. The converted documents are then validated by the
// same code as the shipped catalog, so an import that passes loads after `--write`.
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import type {
  ArtifactTypeDefinition,
  BundleDefinition,
  CatalogError,
  CatalogWarning,
} from "@/server/domain/catalog/types";
import { containedPath, isInside, readContainedFile } from "./contained-path";
import { createAjv } from "./json-schema";
import { convertBundle, type BundleDocument } from "./massdriver-bundle";
import type { ConvertContext } from "./massdriver-schema";
import {
  convertV1ArtifactDefinition,
  convertV2Type,
  type ArtifactTypeDocument,
} from "./massdriver-types";
import { validateArtifactType } from "./validate-artifact-type";
import { validateBundle } from "./validate-bundle";

export type { ArtifactTypeDocument, BundleDocument };

export interface MassdriverImport {
  bundles: BundleDefinition[];
  artifactTypes: ArtifactTypeDefinition[];
  warnings: CatalogWarning[];
  errors: CatalogError[];
  /** The converted documents in Patchbay's on-disk shape, with the file each came from. */
  documents: {
    bundles: { file: string; document: BundleDocument }[];
    artifactTypes: { file: string; document: ArtifactTypeDocument }[];
  };
}

export interface ImportOptions {
  /**
   * The import root (a real path, see `realRoot`): every file read — listed files and file
   * `$ref`s — must really lie inside it, links included.
   */
  root: string;
  /** Types bundles may reference besides the imported ones (usually the shipped catalog). */
  knownTypes?: ArtifactTypeDefinition[];
}

type Classified =
  | { kind: "bundle" | "resource-type" | "platform" | "v1-artifact"; doc: Record<string, unknown> }
  | { kind: "preview" | "fragment" }
  | { kind: "unknown"; reason: string };

/** Parses JSON or YAML; a syntax error is described by position only (parser messages quote the text). */
function parse(file: string, text: string): { doc?: unknown; reason?: string } {
  if (file.endsWith(".json")) {
    try {
      return { doc: JSON.parse(text) };
    } catch {
      return { reason: "cannot parse: not valid JSON" };
    }
  }
  const doc = parseDocument(text);
  const [firstError] = doc.errors;
  if (firstError) {
    const line = firstError.linePos?.[0]?.line;
    return {
      reason: `cannot parse: not valid YAML (${firstError.code}${line ? ` at line ${line}` : ""})`,
    };
  }
  return { doc: doc.toJS({ maxAliasCount: 100 }) };
}

function classify(file: string, text: string): Classified {
  const { doc, reason } = parse(file, text);
  if (reason !== undefined) return { kind: "unknown", reason };
  if (!doc || typeof doc !== "object" || Array.isArray(doc))
    return { kind: "unknown", reason: "not a mapping" };
  const record = doc as Record<string, unknown>;
  if (file.endsWith(".json"))
    return "$md" in record ? { kind: "v1-artifact", doc: record } : { kind: "fragment" };
  if ("project" in record && "baseEnvironment" in record) return { kind: "preview" };
  if ("params" in record || "steps" in record) return { kind: "bundle", doc: record };
  if ("schema" in record && "name" in record) {
    return {
      kind: file.split(path.sep).includes("platforms") ? "platform" : "resource-type",
      doc: record,
    };
  }
  return { kind: "unknown", reason: "neither a bundle (params/steps) nor a type (name/schema)" };
}

/**
 * Files an import considers (massdriver.yaml files, other YAML, and JSON definitions), as
 * real paths. A link is followed only when it really leads inside the root; one leading out
 * is reported and never read. `seen` keeps a link loop from recursing forever.
 */
function listFiles(
  root: string,
  dir: string,
  errors: CatalogError[],
  seen = new Set<string>([dir]),
): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    let real = full;
    if (entry.isSymbolicLink()) {
      const contained = containedPath(root, dir, entry.name);
      if (contained.problem) {
        const message =
          contained.problem.rule === "outside-import-root"
            ? `"${entry.name}" is a link outside the import root; not read`
            : contained.problem.message;
        errors.push({ file: full, path: "/", rule: contained.problem.rule, message });
        continue;
      }
      real = contained.path;
    }
    const stat = statSync(real);
    if (stat.isDirectory()) {
      if (seen.has(real)) continue;
      seen.add(real);
      out.push(...listFiles(root, real, errors, seen));
    } else if (stat.isFile() && /\.(ya?ml|json)$/.test(entry.name)) out.push(real);
  }
  return out;
}

/**
 * Convert and validate every Massdriver file under `target` (a file or a directory).
 * Never throws for content problems; a missing path is reported as an error.
 */
export function importMassdriverPath(target: string, options: ImportOptions): MassdriverImport {
  const result: MassdriverImport = {
    bundles: [],
    artifactTypes: [],
    warnings: [],
    errors: [],
    documents: { bundles: [], artifactTypes: [] },
  };
  const { root } = options;
  let start: string;
  try {
    start = realpathSync(path.resolve(target));
  } catch {
    result.errors.push({
      file: target,
      path: "/",
      rule: "file-unreadable",
      message: "does not exist",
    });
    return result;
  }
  if (!isInside(root, start)) {
    result.errors.push({
      file: target,
      path: "/",
      rule: "outside-import-root",
      message: `"${target}" is outside the import root`,
    });
    return result;
  }
  const files = statSync(start).isDirectory() ? listFiles(root, start, result.errors) : [start];
  const directFile = files.length === 1 && files[0] === start;
  let fragments = 0;
  const bundleDocs: { file: string; document: BundleDocument }[] = [];
  for (const file of files) {
    const read = readContainedFile(file, path.relative(root, file));
    if (read.problem) {
      result.errors.push({
        file,
        path: "/",
        rule: read.problem.rule,
        message: read.problem.message,
      });
      continue;
    }
    const classified = classify(file, read.text);
    const ctx: ConvertContext = { file, root, warnings: result.warnings, errors: result.errors };
    switch (classified.kind) {
      case "v1-artifact":
        result.documents.artifactTypes.push({
          file,
          document: convertV1ArtifactDefinition(classified.doc, ctx),
        });
        break;
      case "resource-type":
      case "platform":
        result.documents.artifactTypes.push({
          file,
          document: convertV2Type(classified.doc, ctx, classified.kind),
        });
        break;
      case "bundle":
        bundleDocs.push({ file, document: convertBundle(classified.doc, ctx) });
        break;
      case "preview":
        result.warnings.push({
          file,
          path: "/",
          message:
            "preview environment file: describes environments, not bundles or types; not imported",
        });
        break;
      case "fragment":
        fragments++;
        if (directFile)
          result.warnings.push({
            file,
            path: "/",
            message:
              "JSON Schema fragment (no $md): only used through $ref from artifact definitions; nothing to import",
          });
        break;
      case "unknown":
        result.errors.push({
          file,
          path: "/",
          rule: "unrecognized-file",
          message: classified.reason,
        });
    }
  }
  if (fragments > 0 && !directFile) {
    result.warnings.push({
      file: start,
      path: "/",
      message: `${fragments} JSON Schema fragment(s) without $md were read only through $ref`,
    });
  }
  result.documents.bundles = bundleDocs;
  validateImported(result, options);
  return result;
}

function validateImported(result: MassdriverImport, options: ImportOptions) {
  // A file whose conversion failed (e.g. a `$ref` refused) is not imported half-converted.
  const failed = new Set(result.errors.map((e) => e.file));
  result.documents.artifactTypes = result.documents.artifactTypes.filter(
    (d) => !failed.has(d.file),
  );
  result.documents.bundles = result.documents.bundles.filter((d) => !failed.has(d.file));
  const ajv = createAjv();
  const types = new Map((options.knownTypes ?? []).map((t) => [t.name, t]));
  const importedNames = new Map<string, string>();
  for (const { file, document } of result.documents.artifactTypes) {
    if (importedNames.has(document.name)) {
      result.warnings.push({
        file,
        path: "/name",
        message: `artifact type "${document.name}" is also defined by ${importedNames.get(document.name)}; kept the first`,
      });
      continue;
    }
    importedNames.set(document.name, file);
    const { definition, errors } = validateArtifactType(document, { file, source: file, ajv });
    result.errors.push(...errors);
    if (definition) {
      result.artifactTypes.push(definition);
      types.set(definition.name, definition);
    }
  }
  for (const { file, document } of result.documents.bundles) {
    // A bundle imported without its artifact definitions still converts: unknown types
    // get an open stand-in here, and the gap is reported so it can be imported later.
    const lookup = new Map(types);
    const slots = [
      ...Object.entries(document.connections).map(([key, slot]) => ({
        at: `/connections/properties/${key}/$ref`,
        type: slot.type,
      })),
      ...Object.entries(document.artifacts).map(([key, slot]) => ({
        at: `/artifacts/properties/${key}/$ref`,
        type: slot.type,
      })),
    ];
    for (const slot of slots) {
      if (!lookup.has(slot.type) && slot.type) {
        result.warnings.push({
          file,
          path: slot.at,
          message: `artifact type "${slot.type}" is neither in this import nor in the catalog; import its definition before loading the bundle`,
        });
        lookup.set(slot.type, {
          name: slot.type,
          schema: { type: "object" },
        } as unknown as ArtifactTypeDefinition);
      }
    }
    const { definition, errors } = validateBundle(document, {
      file,
      source: file,
      ajv,
      types: lookup,
    });
    result.errors.push(...errors);
    if (definition) result.bundles.push(definition);
  }
}
