// A Massdriver UI schema's `ui:order` may name fields the params do not have (renamed or removed
// since): react-jsonschema-form refuses to render such an order, and the catalog refuses it. On
// import each such entry is dropped with a warning naming the file and the path.
import { toPointer } from "@/server/domain/catalog/schema-path";
import type { JsonSchema } from "@/server/domain/catalog/types";
import type { ConvertContext } from "./massdriver-schema";

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Properties of a schema, following local `#/definitions/…` refs of the params schema. */
function propertiesOf(schema: unknown, params: JsonSchema): Plain | undefined {
  let node = schema;
  for (let hops = 0; isPlain(node) && typeof node.$ref === "string" && hops < 8; hops++) {
    const match = /^#\/definitions\/([^/]+)$/.exec(node.$ref);
    node = match && isPlain(params.definitions) ? params.definitions[match[1]!] : undefined;
  }
  return isPlain(node) && isPlain(node.properties) ? node.properties : undefined;
}

function clean(
  ui: Plain,
  properties: Plain,
  params: JsonSchema,
  at: string[],
  ctx: ConvertContext,
) {
  const out: Plain = { ...ui };
  const order = ui["ui:order"];
  if (Array.isArray(order)) {
    out["ui:order"] = order.filter((entry, i) => {
      if (entry === "*" || Object.hasOwn(properties, String(entry))) return true;
      ctx.warnings.push({
        file: ctx.file,
        path: toPointer([...at, "ui:order", i]),
        message: `dropped "${String(entry)}" from ui:order: the params have no such field`,
      });
      return false;
    });
  }
  for (const [key, sub] of Object.entries(ui)) {
    if (key.startsWith("ui:") || !isPlain(sub)) continue;
    const nested = propertiesOf(properties[key], params);
    if (nested) out[key] = clean(sub, nested, params, [...at, key], ctx);
  }
  return out;
}

/** The UI schema with every `ui:order` entry that names no field removed (and reported). */
export function dropUnknownOrder(ui: unknown, params: JsonSchema, ctx: ConvertContext): Plain {
  if (!isPlain(ui)) return {};
  return clean(ui, propertiesOf(params, params) ?? {}, params, ["ui"], ctx);
}
