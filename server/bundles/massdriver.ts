// Import Massdriver bundles and artifact definitions (v1 and v2) into Patchbay's format.
// Conversion never drops anything silently: every key that cannot be carried over is a
// warning `{file, path, message}`. The converted documents are then validated by the
// same code as the shipped catalog, so an import that passes loads after `--write`.
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type {
  ArtifactTypeDefinition,
  BundleDefinition,
  CatalogError,
  CatalogWarning,
} from "@/server/domain/catalog/types";
import type { JsonSchema } from "@/server/domain/catalog/types";
import { isInside, readContainedFile } from "./contained-path";
import { definitionDigest } from "./digest";
import { createAjv } from "./json-schema";
import { convertBundle, type BundleDocument } from "./massdriver-bundle";
import { presetGaps, readRunbook } from "./massdriver-runbook";
import { inlineFileRefs, type ConvertContext } from "./massdriver-schema";
import { batchTypes, type TypeSources } from "./massdriver-type-refs";
import {
  convertV1ArtifactDefinition,
  convertV2Type,
  type ArtifactTypeDocument,
} from "./massdriver-types";
import { validateArtifactType } from "./validate-artifact-type";
import { validateBundle } from "./validate-bundle";
import { classify, listFiles } from "./massdriver-files";

export interface MassdriverImport {
  bundles: BundleDefinition[];
  artifactTypes: ArtifactTypeDefinition[];
  warnings: CatalogWarning[];
  errors: CatalogError[];
  /**
   * Massdriver's type fragments (`types/<name>.json`) read by this import, refs inlined: bundles
   * imported later resolve their type URLs against them.
   */
  schemaTypes: { name: string; file: string; schema: JsonSchema }[];
  /** The converted documents in Patchbay's on-disk shape, with the file each came from. */
  documents: {
    bundles: { file: string; document: BundleDocument; runbook?: string }[];
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
  /** Massdriver type fragments imported before (by name), for `…/types/<name>.json` URL refs. */
  storedTypes?: ReadonlyMap<string, JsonSchema>;
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
    schemaTypes: [],
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
  const bundleDocs: MassdriverImport["documents"]["bundles"] = [];
  const types: TypeSources = { batch: batchTypes(files), stored: options.storedTypes ?? new Map() };
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
    const ctx: ConvertContext = {
      file,
      root,
      warnings: result.warnings,
      errors: result.errors,
      types,
    };
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
        bundleDocs.push({
          file,
          document: convertBundle(classified.doc, ctx),
          ...readRunbook(file, ctx),
        });
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
        if (types.batch.get(path.basename(file, ".json")) === file)
          result.schemaTypes.push({
            name: path.basename(file, ".json"),
            file,
            schema: inlineFileRefs(JSON.parse(read.text), file, ctx) as JsonSchema,
          });
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
  for (const { file, document, runbook } of result.documents.bundles) {
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
      partialPresets: true,
    });
    result.errors.push(...errors);
    if (!definition) continue;
    result.warnings.push(...presetGaps(file, definition));
    // The guide is part of what was published: a changed guide at the same version is refused.
    result.bundles.push(
      runbook === undefined
        ? definition
        : {
            ...definition,
            runbook,
            digest: definitionDigest({ digest: definition.digest, runbook }),
          },
    );
  }
}
