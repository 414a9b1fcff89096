// PostgreSQL stores definitions as jsonb, which does not keep object key order, but a
// form's field order is the order of `properties` in bundle.yaml. Before storing, that
// order is written into the UI schema as `ui:order` (arrays keep their order), which
// react-jsonschema-form honours; values are re-ordered by it on the way out.
import type { JsonSchema, UiSchema } from "../domain/catalog/types";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `ui` with an explicit `ui:order` on every object schema that has `properties`. */
export function withExplicitOrder(schema: JsonSchema, ui: UiSchema = {}): UiSchema {
  const out: UiSchema = { ...ui };
  if (isObject(schema.properties)) {
    const keys = Object.keys(schema.properties);
    if (!Array.isArray(out["ui:order"]) && keys.length > 1) out["ui:order"] = keys;
    for (const key of keys) {
      const child = withExplicitOrder(
        schema.properties[key] as JsonSchema,
        isObject(out[key]) ? (out[key] as UiSchema) : {},
      );
      if (Object.keys(child).length > 0) out[key] = child;
    }
  }
  if (isObject(schema.items)) {
    const items = withExplicitOrder(
      schema.items,
      isObject(out.items) ? (out.items as UiSchema) : {},
    );
    if (Object.keys(items).length > 0) out.items = items;
  }
  return out;
}

/** `values` with object keys in the UI schema's `ui:order` (`*` and unknown keys last). */
export function orderValues(values: unknown, ui: UiSchema = {}): unknown {
  if (Array.isArray(values))
    return values.map((v) => orderValues(v, isObject(ui.items) ? (ui.items as UiSchema) : {}));
  if (!isObject(values)) return values;
  const order = Array.isArray(ui["ui:order"]) ? (ui["ui:order"] as string[]) : [];
  const rank = (k: string) => (order.indexOf(k) === -1 ? order.length : order.indexOf(k));
  const keys = Object.keys(values).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(
    keys.map((k) => [k, orderValues(values[k], isObject(ui[k]) ? (ui[k] as UiSchema) : {})]),
  );
}
