// Which required params a set of values leaves unset. Massdriver presets are partial value sets
// layered over the form's defaults: a preset may leave a required field to the developer. The
// importer reports such fields, the canvas holds a preset choice until they are filled, and a
// deployment is blocked while one is still unset. Pure: runs in the browser and on the server.
import type { JsonSchema } from "./types";

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Dotted paths of the required properties `values` does not set, at the top level and inside
 * nested objects that are present (an absent required object is reported itself, not its
 * children). Combinators and dependencies are left to the full schema validation.
 */
export function missingRequired(schema: JsonSchema, values: unknown, prefix = ""): string[] {
  const properties = isPlain(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  const given = isPlain(values) ? values : {};
  const out: string[] = [];
  for (const name of required) {
    if (given[name] === undefined || given[name] === null) out.push(`${prefix}${name}`);
  }
  for (const [name, sub] of Object.entries(properties)) {
    if (isPlain(sub) && isPlain(given[name]))
      out.push(...missingRequired(sub, given[name], `${prefix}${name}.`));
  }
  return out;
}
