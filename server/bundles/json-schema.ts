// The ajv setup shared by the loader and the importer, plus a structural walk of JSON
// Schemas that finds keywords draft-07 does not know (typos such as `max` instead of
// `maximum` would otherwise be silently ignored by every validator).
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { patternMessage, schemaAt } from "@/server/domain/catalog/pattern-message";
import { toPointer } from "@/server/domain/catalog/schema-path";
import type { CatalogError, JsonSchema } from "@/server/domain/catalog/types";

/**
 * One ajv per catalog load: compiled schemas are cached per instance and bundles are
 * independent, so sharing would only leak memory across loads.
 * `strictSchema` is off because unknown keywords are reported by `unknownKeywords` with
 * a precise JSON pointer instead of ajv throwing on the first one.
 */
export function createAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: false,
    strictTypes: false,
    strictTuples: false,
    validateSchema: true,
  });
  addFormats(ajv);
  // Marks a payload field as a secret: stored encrypted, redacted in logs, diffs, exports.
  ajv.addKeyword({ keyword: "sensitive", schemaType: "boolean" });
  // On an artifact type's payload field: the upstream params that carry its value, so a preview
  // (upstream not deployed yet) can fill it (`database` ← `database_name`).
  ajv.addKeyword({ keyword: "fromParams", schemaType: "array" });
  // A field's own words for a value that breaks its pattern (domain/catalog/pattern-message).
  ajv.addKeyword({ keyword: "errorMessage", schemaType: "string" });
  return ajv;
}

const shared = createAjv();
const compiled = new Map<string, ValidateFunction>();

/**
 * The validator of a catalog schema, compiled once per process: bundle versions and artifact
 * types are immutable per digest, so the digest (plus what part is validated) is the key.
 */
export function compiledSchema(key: string, schema: object): ValidateFunction {
  let v = compiled.get(key);
  if (!v) {
    v = shared.compile(schema);
    compiled.set(key, v);
  }
  return v;
}

// Keywords a draft-07 schema may carry, plus our own `sensitive`, `fromParams`, `errorMessage`.
const KNOWN = new Set([
  "$schema",
  "$id",
  "$ref",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "readOnly",
  "writeOnly",
  "type",
  "enum",
  "const",
  "multipleOf",
  "maximum",
  "exclusiveMaximum",
  "minimum",
  "exclusiveMinimum",
  "maxLength",
  "minLength",
  "pattern",
  "format",
  "contentMediaType",
  "contentEncoding",
  "items",
  "additionalItems",
  "maxItems",
  "minItems",
  "uniqueItems",
  "contains",
  "maxProperties",
  "minProperties",
  "required",
  "properties",
  "patternProperties",
  "additionalProperties",
  "dependencies",
  "propertyNames",
  "if",
  "then",
  "else",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "definitions",
  "sensitive",
  "fromParams",
  "errorMessage",
]);
const SCHEMA_MAPS = ["properties", "patternProperties", "definitions"];
const SCHEMA_VALUES = [
  "additionalItems",
  "additionalProperties",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "not",
  "items",
];
const SCHEMA_ARRAYS = ["allOf", "anyOf", "oneOf", "items"];

export interface UnknownKeyword {
  /** JSON pointer of the keyword inside the schema. */
  path: string;
  keyword: string;
}

/** Every keyword draft-07 does not define, with where it sits. */
export function unknownKeywords(schema: unknown, base: (string | number)[] = []): UnknownKeyword[] {
  const found: UnknownKeyword[] = [];
  const visit = (node: unknown, at: (string | number)[]) => {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return;
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (!KNOWN.has(key)) found.push({ path: toPointer([...at, key]), keyword: key });
    }
    for (const key of SCHEMA_MAPS) {
      const map = record[key];
      if (map && typeof map === "object")
        for (const [k, v] of Object.entries(map)) visit(v, [...at, key, k]);
    }
    for (const key of SCHEMA_VALUES)
      if (!Array.isArray(record[key])) visit(record[key], [...at, key]);
    for (const key of SCHEMA_ARRAYS) {
      const list = record[key];
      if (Array.isArray(list))
        list.forEach((v, i) => {
          visit(v, [...at, key, i]);
        });
    }
    // `dependencies` values are either schemas or lists of property names.
    const deps = record.dependencies;
    if (deps && typeof deps === "object") {
      for (const [k, v] of Object.entries(deps))
        if (!Array.isArray(v)) visit(v, [...at, "dependencies", k]);
    }
  };
  visit(schema, base);
  return found;
}

/**
 * Translate ajv errors into catalog errors rooted at `base` (a JSON pointer in `file`). Given the
 * validated `schema`, a broken pattern is explained in the field's words (`patternMessage`).
 */
export function ajvErrors(
  file: string,
  base: string,
  rule: string,
  errors: ErrorObject[] | null | undefined,
  schema?: object,
): CatalogError[] {
  return (errors ?? []).map((e) => {
    let path = base + e.instancePath;
    let message = e.message ?? "is invalid";
    if (e.keyword === "required") path += toPointer([String(e.params.missingProperty)]);
    if (e.keyword === "additionalProperties") {
      path += toPointer([String(e.params.additionalProperty)]);
      message = "is not an allowed key";
    }
    // Errors about a key name (propertyNames) point at the key itself.
    const propertyName = e.propertyName ?? (e.params.propertyName as string | undefined);
    if (propertyName) path += toPointer([propertyName]);
    if (e.keyword === "enum") message += `: ${(e.params.allowedValues as unknown[]).join(", ")}`;
    if (e.keyword === "pattern" && schema)
      message = patternMessage(schemaAt(schema, e.schemaPath), String(e.params.pattern));
    const keywordRule = rule === "schema" ? `schema/${e.keyword}` : rule;
    return { file, path: path || "/", rule: keywordRule, message };
  });
}

/** Compile a schema, turning compilation failures into one catalog error. */
export function tryCompile(ajv: Ajv, schema: JsonSchema, file: string, path: string, rule: string) {
  try {
    return { validate: ajv.compile(schema) };
  } catch (error) {
    const err: CatalogError = { file, path, rule, message: (error as Error).message };
    return { error: err };
  }
}
