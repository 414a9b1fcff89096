// Params resolution: bundle defaults ← preset values ← instance overrides. The same merge
// serves the canvas (a new instance's starting values) and the resolver (what a deployment
// receives), so a field's effective value is computed in one place.
import type { JsonSchema } from "../catalog/types";

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Merge `over` onto `base`: plain objects merge key by key, arrays and scalars replace,
 * `undefined` leaves the base value. Neither input is mutated; the result shares nothing
 * with them, so callers may edit it freely.
 */
export function mergeParams(base: Plain, over: Plain): Plain {
  // One clone of the base, then merged into in place: cloning at every level of the recursion
  // copied each nested object once per level.
  const out: Plain = structuredClone(base);
  mergeInto(out, over);
  return out;
}

/** Merges `over` into `out`, which the caller owns; values taken from `over` are cloned. */
function mergeInto(out: Plain, over: Plain): void {
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = out[key];
    if (isPlainObject(current) && isPlainObject(value)) mergeInto(current, value);
    else out[key] = structuredClone(value);
  }
}

/**
 * The values a params JSON Schema supplies by itself: every `default`, including those of
 * nested object properties (`resources.cpu`). An object's own `default` is merged over the
 * defaults of its properties. Objects that end up empty are left out.
 */
export function schemaDefaults(schema: JsonSchema): Plain {
  return structuredClone(defaultsOf(schema));
}

// A bundle version's schema is immutable (the catalog keeps one object per version), so its
// defaults are worked out once; resolving every component of a diagram asked for them per
// component. Never handed out uncloned.
const defaultsCache = new WeakMap<JsonSchema, Plain>();

function defaultsOf(schema: JsonSchema): Plain {
  let defaults = defaultsCache.get(schema);
  if (!defaults) {
    defaults = computeDefaults(schema);
    defaultsCache.set(schema, defaults);
  }
  return defaults;
}

function computeDefaults(schema: JsonSchema): Plain {
  const out: Plain = {};
  const properties = schema.properties;
  if (!isPlainObject(properties)) return out;
  for (const [key, sub] of Object.entries(properties)) {
    if (!isPlainObject(sub)) continue;
    const nested = computeDefaults(sub);
    const own = sub.default;
    if (own !== undefined) {
      out[key] = isPlainObject(own) ? mergeParams(nested, own) : structuredClone(own);
    } else if (Object.keys(nested).length > 0) {
      out[key] = nested;
    }
  }
  return out;
}

/** The layers of an instance's params, lowest precedence first. */
export interface ParamsLayers {
  /** The bundle version's params schema (its `default`s are the bottom layer). */
  schema: JsonSchema;
  /** Values of the preset in use, or null when the instance uses none. */
  preset?: Plain | null;
  /** The instance's own values. */
  overrides?: Plain | null;
}

/**
 * Effective params: schema defaults ← preset ← overrides (objects deep-merge, arrays and scalars
 * replace).
 */
export function resolveParams({ schema, preset, overrides }: ParamsLayers): Plain {
  const out = structuredClone(defaultsOf(schema));
  mergeInto(out, preset ?? {});
  mergeInto(out, overrides ?? {});
  return out;
}
