// Walking params by dotted path. Plain objects nest; arrays and scalars are leaves (a list
// of CIDRs is one value to lock or compare, not one field per element).
type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A path as exact segments: object keys, or array indices. */
export type Segments = readonly (string | number)[];

/** The value at `segments`, or undefined. */
export function getIn(value: unknown, segments: Segments): unknown {
  let at = value;
  for (const s of segments) {
    if (typeof s === "number" ? !Array.isArray(at) : !isPlainObject(at)) return undefined;
    at = (at as Record<string | number, unknown>)[s];
  }
  return at;
}

/**
 * A copy of `value` with the leaf at `segments` set (removed when `next` is undefined); missing
 * levels are created.
 */
export function setIn(value: unknown, segments: Segments, next: unknown): unknown {
  if (segments.length === 0) return structuredClone(next);
  const [head, ...rest] = segments as [string | number, ...(string | number)[]];
  if (typeof head === "number") {
    const list = Array.isArray(value) ? [...value] : [];
    if (rest.length === 0 && next === undefined) list.splice(head, 1);
    else list[head] = setIn(list[head], rest, next);
    return list;
  }
  const obj: Plain = isPlainObject(value) ? { ...value } : {};
  if (rest.length === 0 && next === undefined) delete obj[head];
  else obj[head] = setIn(obj[head], rest, next);
  return obj;
}

/** The value at a dotted path, or undefined. */
export function getAt(values: Plain, path: string): unknown {
  return getIn(values, path.split("."));
}

/** A copy of `values` with the leaf at a dotted path set (or removed when `value` is undefined). */
export function setAt(values: Plain, path: string, value: unknown): Plain {
  return setIn(values, path.split("."), value) as Plain;
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
  if (Array.isArray(a))
    return (
      a.length === (b as unknown[]).length && a.every((v, i) => sameValue(v, (b as unknown[])[i]))
    );
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => Object.hasOwn(b, k) && sameValue((a as Plain)[k], (b as Plain)[k]))
  );
}

/** How a value reads in a message: strings quoted, the rest as JSON. */
export function show(value: unknown): string {
  return JSON.stringify(value) ?? "nothing";
}
