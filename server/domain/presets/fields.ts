// The fields of a bundle's params schema a preset can put a guardrail on: every leaf
// property (nested objects are walked), with what narrowing it supports.
import type { JsonSchema } from "../catalog/types";
import { isPlainObject } from "./values";
import type { Scalar } from "./types";

interface FieldOption {
  value: Scalar;
  title: string;
}

export interface ParamField {
  /** Dotted path (`storage.allocated_gb`). */
  path: string;
  title: string;
  type: "string" | "number" | "integer" | "boolean" | "array" | "object" | "unknown";
  /** The bundle's allowed values (`enum`, or `oneOf`/`anyOf` of `const`s), when it lists them. */
  options?: FieldOption[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
}

function options(node: Record<string, unknown>): FieldOption[] | undefined {
  if (Array.isArray(node.enum))
    return node.enum.map((v) => ({ value: v as Scalar, title: String(v) }));
  const list = Array.isArray(node.oneOf)
    ? node.oneOf
    : Array.isArray(node.anyOf)
      ? node.anyOf
      : null;
  if (!list?.every((o) => isPlainObject(o) && "const" in o)) return undefined;
  return list.map((o) => ({
    value: o.const as Scalar,
    title: typeof o.title === "string" ? o.title : String(o.const),
  }));
}

function fieldType(node: Record<string, unknown>): ParamField["type"] {
  const t = Array.isArray(node.type) ? node.type.find((x) => x !== "null") : node.type;
  return t === "string" ||
    t === "number" ||
    t === "integer" ||
    t === "boolean" ||
    t === "array" ||
    t === "object"
    ? t
    : "unknown";
}

/** A node with a local `$ref` (`#/definitions/x`, `#/$defs/x`) merged over what it points to. */
function dereferenced(node: Record<string, unknown>, root: JsonSchema): Record<string, unknown> {
  const ref = node.$ref;
  if (typeof ref !== "string" || !ref.startsWith("#/")) return node;
  let target: unknown = root;
  for (const key of ref.slice(2).split("/"))
    target = isPlainObject(target) ? target[key] : undefined;
  const { $ref: _ref, ...own } = node;
  return isPlainObject(target) ? { ...dereferenced(target, root), ...own } : own;
}

/** Every leaf field of a params schema, in property order (local `$ref`s followed). */
export function paramFields(
  schema: JsonSchema,
  prefix = "",
  root: JsonSchema = schema,
): ParamField[] {
  const out: ParamField[] = [];
  const properties = schema.properties;
  if (!isPlainObject(properties)) return out;
  for (const [key, raw] of Object.entries(properties)) {
    if (!isPlainObject(raw)) continue;
    const sub = dereferenced(raw, root);
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(sub.properties)) {
      out.push(...paramFields(sub, path, root));
      continue;
    }
    const field: ParamField = {
      path,
      title: typeof sub.title === "string" ? sub.title : key,
      type: fieldType(sub),
    };
    const opts = options(sub);
    if (opts) field.options = opts;
    if (typeof sub.minimum === "number") field.minimum = sub.minimum;
    if (typeof sub.maximum === "number") field.maximum = sub.maximum;
    if (typeof sub.pattern === "string") field.pattern = sub.pattern;
    out.push(field);
  }
  return out;
}

/** The schema node of a dotted path, or undefined. */
export function schemaAt(schema: JsonSchema, path: string): Record<string, unknown> | undefined {
  let node: unknown = schema;
  for (const key of path.split(".")) {
    if (!isPlainObject(node) || !isPlainObject(node.properties)) return undefined;
    node = node.properties[key];
  }
  return isPlainObject(node) ? node : undefined;
}
