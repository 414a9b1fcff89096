// Turning Massdriver JSON Schemas into plain draft-07 schemas Patchbay can validate:
// relative file `$ref`s are inlined, `$md.sensitive` becomes our `sensitive` keyword,
// and every other extension keyword is removed with a warning (never silently).
import path from "node:path";
import { toPointer } from "@/server/domain/catalog/schema-path";
import type { CatalogError, CatalogWarning, JsonSchema } from "@/server/domain/catalog/types";
import { containedPath, readContainedFile } from "./contained-path";
import { unknownKeywords } from "./json-schema";
import { isUrl, massdriverTypeName, type TypeSources } from "./massdriver-type-refs";

export interface ConvertContext {
  file: string;
  /** The import root (real path): file `$ref`s resolve only inside it. */
  root: string;
  warnings: CatalogWarning[];
  errors: CatalogError[];
  /** Where Massdriver type URLs resolve; without it every such URL is a missing type. */
  types?: TypeSources;
}

type Json = unknown;

/**
 * Inline `$ref`s to other files (`../types/port.json`), relative to the referencing file and
 * only inside the import root (links resolved), and Massdriver type URLs (see
 * massdriver-type-refs.ts) without fetching anything. Local refs (`#/…`) are left for the loader.
 * A file already on the stack is a cycle. Errors name the ref, never the target's content.
 */
export function inlineFileRefs(
  value: Json,
  file: string,
  ctx: ConvertContext,
  at: (string | number)[] = [],
  stack: string[] = [],
): Json {
  if (Array.isArray(value))
    return value.map((v, i) => inlineFileRefs(v, file, ctx, [...at, i], stack));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, Json>;
  const ref = record.$ref;
  if (typeof ref === "string" && isUrl(ref))
    return inlineTypeUrl(record, ref, file, ctx, at, stack);
  if (typeof ref === "string" && !ref.startsWith("#") && /\.json$/.test(ref)) {
    const contained = containedPath(ctx.root, path.dirname(file), ref);
    if (contained.problem) {
      const rule = contained.problem.rule === "not-found" ? "ref-missing" : contained.problem.rule;
      ctx.errors.push({
        file: ctx.file,
        path: toPointer([...at, "$ref"]),
        rule,
        message: contained.problem.message,
      });
      return {};
    }
    return inlineTarget(record, ref, contained.path, file, ctx, at, stack);
  }
  const out: Record<string, Json> = {};
  for (const [key, v] of Object.entries(record))
    out[key] = inlineFileRefs(v, file, ctx, [...at, key], stack);
  return out;
}

/** A Massdriver type URL: this import's `types/` file, else the organization's stored type. */
function inlineTypeUrl(
  record: Record<string, Json>,
  ref: string,
  file: string,
  ctx: ConvertContext,
  at: (string | number)[],
  stack: string[],
): Json {
  const where = toPointer([...at, "$ref"]);
  const name = massdriverTypeName(ref);
  if (name === undefined) {
    ctx.errors.push({
      file: ctx.file,
      path: where,
      rule: "ref-url",
      message: `"${ref}" is a URL and Patchbay never fetches $refs: only Massdriver artifact-definition types (…/types/<name>.json) resolve, against imported definitions`,
    });
    return {};
  }
  const inBatch = ctx.types?.batch.get(name);
  if (inBatch) return inlineTarget(record, ref, inBatch, file, ctx, at, stack);
  const stored = ctx.types?.stored.get(name);
  if (!stored) {
    ctx.errors.push({
      file: ctx.file,
      path: where,
      rule: "ref-type-missing",
      message: `Massdriver type "${name}" is not imported: import the artifact definitions (their types/ folder) first or together`,
    });
    return {};
  }
  const { $ref: _ref, ...siblings } = record;
  return {
    ...(structuredClone(stored) as Record<string, Json>),
    ...(inlineFileRefs(siblings, file, ctx, at, stack) as Record<string, Json>),
  };
}

/** Reads `target` (a real path inside the root), inlines its refs, merges `record`'s siblings. */
function inlineTarget(
  record: Record<string, Json>,
  ref: string,
  target: string,
  file: string,
  ctx: ConvertContext,
  at: (string | number)[],
  stack: string[],
): Json {
  const where = toPointer([...at, "$ref"]);
  if (stack.includes(target)) {
    ctx.errors.push({
      file: ctx.file,
      path: where,
      rule: "ref-cycle",
      message: `cyclic file $ref to ${ref}`,
    });
    return {};
  }
  const read = readContainedFile(target, ref);
  let loaded: Json;
  try {
    if (read.problem) throw new Error(read.problem.message);
    loaded = JSON.parse(read.text);
  } catch {
    // The parser's message quotes the file's first bytes: name the ref and the rule only.
    ctx.errors.push({
      file: ctx.file,
      path: where,
      rule: read.problem ? read.problem.rule : "ref-invalid",
      message: read.problem ? read.problem.message : `"${ref}" is not valid JSON`,
    });
    return {};
  }
  const { $ref: _ref, ...siblings } = record;
  // A referenced file's own `$schema` and `$id` name the dialect and the file, not content (two
  // inlined copies of one `$id` would even clash).
  if (loaded && typeof loaded === "object") {
    delete (loaded as Record<string, Json>).$schema;
    delete (loaded as Record<string, Json>).$id;
  }
  const inlined = inlineFileRefs(loaded, target, ctx, at, [...stack, target]) as Record<
    string,
    Json
  >;
  // Siblings (title, description, default) refine the referenced schema, as in the source.
  return {
    ...inlined,
    ...(inlineFileRefs(siblings, file, ctx, at, stack) as Record<string, Json>),
  };
}

const POSIX_CLASSES: Record<string, string> = {
  "[:space:]": "\\s",
  "[:digit:]": "0-9",
  "[:alpha:]": "A-Za-z",
  "[:alnum:]": "A-Za-z0-9",
  "[:upper:]": "A-Z",
  "[:lower:]": "a-z",
  "[:xdigit:]": "0-9A-Fa-f",
};

/** JSON Schema patterns are ECMA-262 regexes; Massdriver files sometimes use POSIX classes. */
function fixPattern(pattern: string, pointer: string, ctx: ConvertContext): string | undefined {
  let fixed = pattern;
  for (const [posix, ecma] of Object.entries(POSIX_CLASSES)) fixed = fixed.split(posix).join(ecma);
  if (fixed !== pattern) {
    ctx.warnings.push({
      file: ctx.file,
      path: pointer,
      message: `rewrote POSIX character classes: "${pattern}" → "${fixed}"`,
    });
  }
  try {
    new RegExp(fixed, "u");
    return fixed;
  } catch (error) {
    ctx.warnings.push({
      file: ctx.file,
      path: pointer,
      message: `dropped pattern that is not a valid ECMA-262 regex: ${(error as Error).message}`,
    });
    return undefined;
  }
}

const WHY: Record<string, string> = {
  "$md.immutable": "immutable fields are enforced by ops presets (locked fields) in Patchbay",
  "$md.copyable": "copy buttons are a UI concern Patchbay does not configure per field",
  "$md.enum": "options computed from a connection's payload are not supported",
  message: "custom validation messages are not supported; the default message is shown",
  $schema: "draft-07 is implied",
};

/**
 * Remove keywords draft-07 does not define, translating the ones we support. Each removal
 * is reported with its JSON pointer (relative to `base` in the source file).
 */
export function cleanSchema(
  schema: Json,
  base: (string | number)[],
  ctx: ConvertContext,
): JsonSchema {
  const copy = structuredClone(schema) as JsonSchema;
  // `$md.sensitive` → `sensitive` before the unknown-keyword sweep, so it survives.
  const translate = (node: Json, at: (string | number)[]) => {
    if (Array.isArray(node)) {
      for (const [i, v] of node.entries()) translate(v, [...at, i]);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, Json>;
    if ("$md.sensitive" in record) {
      if (record["$md.sensitive"] === true) record.sensitive = true;
      delete record["$md.sensitive"];
    }
    if (typeof record.pattern === "string") {
      const fixed = fixPattern(record.pattern, toPointer([...base, ...at, "pattern"]), ctx);
      if (fixed === undefined) delete record.pattern;
      else record.pattern = fixed;
    }
    for (const [key, v] of Object.entries(record)) translate(v, [...at, key]);
  };
  translate(copy, []);
  for (const unknown of unknownKeywords(copy)) {
    const segments = unknown.path
      .slice(1)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    const parent = segments
      .slice(0, -1)
      .reduce<Json>((node, s) => (node as Record<string, Json>)[s], copy) as Record<string, Json>;
    delete parent[unknown.keyword];
    const why =
      WHY[unknown.keyword] ??
      (unknown.keyword.startsWith("$md")
        ? "Massdriver extension not supported"
        : "not a JSON Schema draft-07 keyword");
    ctx.warnings.push({
      file: ctx.file,
      path: toPointer([...base]) + unknown.path,
      message: `dropped "${unknown.keyword}": ${why}`,
    });
  }
  return copy;
}
