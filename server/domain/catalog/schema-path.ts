// Pure helpers that walk a (dereferenced) JSON Schema: does a payload path exist, and
// which payload fields are sensitive. Used by the loader to check templates and by the
// browser/diff code to redact secrets, so no Node imports here.
import type { JsonSchema } from "./types";

const COMBINATORS = ["allOf", "anyOf", "oneOf"] as const;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Sub-schemas that describe the value under `segment`, or `undefined` when the schema
 * does not allow that key. Open objects (no `properties`, no combinators) accept any key
 * and yield an empty schema: nothing more can be checked below them.
 */
function childSchemas(schema: JsonSchema, segment: string): JsonSchema[] | undefined {
  const found: JsonSchema[] = [];
  const properties = schema.properties;
  if (isSchema(properties) && isSchema(properties[segment]))
    found.push(properties[segment] as JsonSchema);
  if (isSchema(schema.patternProperties)) {
    for (const [pattern, sub] of Object.entries(schema.patternProperties)) {
      if (isSchema(sub) && new RegExp(pattern, "u").test(segment)) found.push(sub);
    }
  }
  if (/^\d+$/.test(segment) && schema.items !== undefined) {
    if (isSchema(schema.items)) found.push(schema.items);
    else if (Array.isArray(schema.items) && isSchema(schema.items[Number(segment)]))
      found.push(schema.items[Number(segment)]);
  }
  let hasCombinator = false;
  for (const keyword of COMBINATORS) {
    const branches = schema[keyword];
    if (!Array.isArray(branches)) continue;
    hasCombinator = true;
    for (const branch of branches) {
      if (isSchema(branch)) found.push(...(childSchemas(branch, segment) ?? []));
    }
  }
  if (found.length > 0) return found;
  if (isSchema(schema.additionalProperties)) return [schema.additionalProperties];
  const closed = schema.additionalProperties === false || isSchema(properties) || hasCombinator;
  const scalar =
    typeof schema.type === "string" && schema.type !== "object" && schema.type !== "array";
  // Explicit `additionalProperties: true` or a bare object schema: open map.
  if (schema.additionalProperties === true || (!closed && !scalar)) return [{}];
  return undefined;
}

/** Does `segments` name a value the schema allows? Returns the failing segment index or -1. */
export function findMissingSegment(schema: JsonSchema, segments: string[]): number {
  let current: JsonSchema[] = [schema];
  for (const [i, segment] of segments.entries()) {
    const next = current.flatMap((s) => childSchemas(s, segment) ?? []);
    if (next.length === 0) return i;
    current = next;
  }
  return -1;
}

/** JSON pointer from path segments (RFC 6901 escaping). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

/**
 * JSON pointers (into the payload, not the schema) of every property marked
 * `sensitive: true`. Array items are written as `/*` since any element is sensitive.
 */
export function sensitivePaths(schema: JsonSchema): string[] {
  const out = new Set<string>();
  const visit = (node: unknown, at: string[], depth: number) => {
    if (!isSchema(node) || depth > 32) return;
    if (node.sensitive === true && at.length > 0) out.add(toPointer(at));
    if (isSchema(node.properties)) {
      for (const [key, sub] of Object.entries(node.properties)) visit(sub, [...at, key], depth + 1);
    }
    if (isSchema(node.items)) visit(node.items, [...at, "*"], depth + 1);
    if (isSchema(node.additionalProperties))
      visit(node.additionalProperties, [...at, "*"], depth + 1);
    for (const keyword of COMBINATORS) {
      const branches = node[keyword];
      if (Array.isArray(branches)) for (const branch of branches) visit(branch, at, depth + 1);
    }
  };
  visit(schema, [], 0);
  return [...out].sort();
}
