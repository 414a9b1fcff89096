// Walking params by dotted path. Plain objects nest; arrays and scalars are leaves (a list
// of CIDRs is one value to lock or compare, not one field per element).
type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined. */
export function getAt(values: Plain, path: string): unknown {
  let at: unknown = values;
  for (const key of path.split(".")) {
    if (!isPlainObject(at)) return undefined;
    at = at[key];
  }
  return at;
}

/** A copy of `values` with the leaf at `path` set (or removed when `value` is undefined). */
export function setAt(values: Plain, path: string, value: unknown): Plain {
  const [key, ...rest] = path.split(".") as [string, ...string[]];
  const out: Plain = { ...values };
  if (rest.length === 0) {
    if (value === undefined) delete out[key];
    else out[key] = structuredClone(value);
    return out;
  }
  const child = isPlainObject(values[key]) ? (values[key] as Plain) : {};
  out[key] = setAt(child, rest.join("."), value);
  return out;
}

/** Dotted paths of every leaf of `values`, in key order. */
export function leafPaths(values: Plain, prefix = ""): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(value) && Object.keys(value).length > 0) out.push(...leafPaths(value, path));
    else out.push(path);
  }
  return out;
}

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((v, i) => sameValue(v, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Plain)[k], (b as Plain)[k]));
}

/** How a value reads in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? "nothing";
}
