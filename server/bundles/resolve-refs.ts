// Inline local `$ref`s (`#/definitions/...`) of a params schema, so forms, preset
// validation and template checks see one self-contained tree. Cycles cannot be inlined
// (and react-jsonschema-form would recurse forever on them), so they are reported.
import { toPointer } from "@/server/domain/catalog/schema-path";
import type { JsonSchema } from "@/server/domain/catalog/types";

export interface RefProblem {
  /** JSON pointer of the offending `$ref` inside the schema. */
  path: string;
  rule: "ref-cycle" | "ref-missing" | "ref-external";
  message: string;
}

function lookup(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  let node = root;
  for (const raw of pointer.slice(1).split("/")) {
    const segment = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/**
 * Returns the schema with every local `$ref` replaced by its target (siblings of `$ref`
 * are merged over the target, as rjsf does) and `definitions` removed.
 */
export function resolveLocalRefs(schema: JsonSchema): {
  schema: JsonSchema;
  problems: RefProblem[];
} {
  const problems: RefProblem[] = [];
  const visit = (node: unknown, at: (string | number)[], stack: string[]): unknown => {
    if (Array.isArray(node)) return node.map((v, i) => visit(v, [...at, i], stack));
    if (node === null || typeof node !== "object") return node;
    const record = node as Record<string, unknown>;
    if (typeof record.$ref === "string") {
      const ref = record.$ref;
      const where = toPointer([...at, "$ref"]);
      if (!ref.startsWith("#")) {
        problems.push({
          path: where,
          rule: "ref-external",
          message: `only local refs (#/definitions/...) are allowed, got "${ref}"`,
        });
        return {};
      }
      const pointer = ref.slice(1);
      if (stack.includes(pointer)) {
        const chain = [...stack.slice(stack.indexOf(pointer)), pointer]
          .map((p) => `#${p}`)
          .join(" -> ");
        problems.push({ path: where, rule: "ref-cycle", message: `cyclic $ref: ${chain}` });
        return {};
      }
      const target = lookup(schema, pointer);
      if (target === undefined) {
        problems.push({
          path: where,
          rule: "ref-missing",
          message: `$ref target "${ref}" does not exist`,
        });
        return {};
      }
      const { $ref: _drop, ...siblings } = record;
      // Continue at the target's own location so problems point at the source text.
      const targetAt = pointer
        .slice(1)
        .split("/")
        .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
      const resolved = visit(target, pointer === "" ? [] : targetAt, [...stack, pointer]) as Record<
        string,
        unknown
      >;
      return { ...resolved, ...(visit(siblings, at, stack) as Record<string, unknown>) };
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      // Definitions are only reachable through refs; inlined copies carry their content.
      if (key === "definitions" && at.length === 0) continue;
      out[key] = visit(value, [...at, key], stack);
    }
    return out;
  };
  // Visit definitions too so a cycle is reported even if nothing references it yet.
  const resolved = visit(schema, [], []) as JsonSchema;
  const definitions = schema.definitions;
  if (definitions && typeof definitions === "object") {
    for (const [name, def] of Object.entries(definitions))
      visit(def, ["definitions", name], [`/definitions/${name}`]);
  }
  const unique = new Map(problems.map((p) => [`${p.path}|${p.rule}`, p]));
  return { schema: resolved, problems: [...unique.values()] };
}
