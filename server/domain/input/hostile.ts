// Input every procedure refuses before its schema or the database sees it: characters
// PostgreSQL cannot store (NUL in text, lone UTF-16 surrogates in JSON), nesting deep enough
// to exhaust a recursive walker, keys that reach an object's prototype, and sizes no honest
// caller sends. Checked on the raw input of every call, so a schema that forgets a bound is
// still covered; the message names the field and the rule.

/** Deepest nesting of objects and arrays accepted (a bundle's params schema stays far below). */
export const MAX_DEPTH = 24;
/**
 * Longest string accepted anywhere in an input (a preset rationale or a message is far shorter).
 */
export const MAX_STRING = 65_536;
/** Most elements of one array, or keys of one object. */
const MAX_ENTRIES = 5_000;
/**
 * Most strings, numbers and keys in one input: bounds the work of a call (2,000 diagram ops with
 * their instances stay below).
 */
const MAX_NODES = 250_000;

const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);
// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface HostileInput {
  /** dotted path of the offending field, `(input)` for the whole input */
  path: string;
  rule: string;
}

function stringProblem(s: string): string | null {
  if (s.length > MAX_STRING) return `must be at most ${MAX_STRING.toLocaleString("en")} characters`;
  if (s.includes("\u0000")) return "must not contain NUL characters";
  if (LONE_SURROGATE.test(s)) return "must be valid Unicode (it contains a lone surrogate)";
  return null;
}

/** The first hostile part of `input`, or null when it may reach the procedure's schema. */
export function findHostileInput(input: unknown): HostileInput | null {
  let nodes = 0;
  const walk = (value: unknown, path: string[], depth: number): HostileInput | null => {
    const at = () => path.join(".") || "(input)";
    if (++nodes > MAX_NODES)
      return {
        path: "(input)",
        rule: `must hold at most ${MAX_NODES.toLocaleString("en")} values`,
      };
    if (typeof value === "string") {
      const rule = stringProblem(value);
      return rule ? { path: at(), rule } : null;
    }
    if (typeof value === "number")
      return Number.isNaN(value) ? { path: at(), rule: "must be a number" } : null;
    if (value === null || typeof value !== "object" || value instanceof Date) return null;
    if (depth >= MAX_DEPTH)
      return { path: at(), rule: `must be nested at most ${MAX_DEPTH} levels deep` };
    if (Array.isArray(value)) {
      if (value.length > MAX_ENTRIES)
        return { path: at(), rule: `must have at most ${MAX_ENTRIES.toLocaleString("en")} items` };
      for (let i = 0; i < value.length; i++) {
        const found = walk(value[i], [...path, String(i)], depth + 1);
        if (found) return found;
      }
      return null;
    }
    const keys = Object.keys(value);
    if (keys.length > MAX_ENTRIES)
      return { path: at(), rule: `must have at most ${MAX_ENTRIES.toLocaleString("en")} keys` };
    for (const key of keys) {
      const keyPath = [...path, key.length > 80 ? `${key.slice(0, 80)}…` : key];
      if (FORBIDDEN_KEYS.has(key))
        return { path: keyPath.join("."), rule: `"${key}" is not an accepted key` };
      const keyRule = stringProblem(key);
      if (keyRule) return { path: [...path, "(key)"].join("."), rule: `a key ${keyRule}` };
      const found = walk((value as Record<string, unknown>)[key], keyPath, depth + 1);
      if (found) return found;
    }
    return null;
  };
  return walk(input, [], 0);
}
