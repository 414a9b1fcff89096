// Generators of hostile procedure inputs for the fuzz suite: a valid input with one part
// replaced by something an attacker would send, an extra hostile key, or no valid input at all.
import fc from "fast-check";
import type { Fixture } from "./procedures";

const HUGE = "x".repeat(70_000);
const VERY_HUGE = "y".repeat(1_000_000);

function nest(depth: number): unknown {
  let v: unknown = "deep";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/**
 * One hostile value: wrong types, control characters, huge and deep values, prototype keys, other
 * tenants' ids, odd numbers.
 */
export function hostileValue(fx: Fixture): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.anything({
      maxDepth: 3,
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withDate: true,
      withTypedArray: true,
    }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({
      unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 20,
    }),
    fc.constantFrom(
      "\u0000",
      "a\u0000b",
      "\uD800",
      "x\uDFFFy",
      "../../etc/passwd",
      '\'; DROP TABLE "Project"; --',
      "%00",
      "\u202Eevil",
    ),
    fc.constantFrom(HUGE, VERY_HUGE),
    fc.integer({ min: 25, max: 400 }).map(nest),
    fc.constantFrom<unknown>(
      JSON.parse('{"__proto__":{"polluted":true}}'),
      { constructor: { prototype: { polluted: true } } },
      JSON.parse('{"a":{"__proto__":{"isAdmin":true}}}'),
    ),
    fc.constantFrom(
      fx.otherProjectId,
      fx.otherOrganizationId,
      `${fx.projectId}x`,
      fx.projectId.toUpperCase(),
    ),
    fc.constantFrom(
      -1,
      -1e308,
      1e308,
      Number.MAX_SAFE_INTEGER + 2,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
      0.5,
      -0,
    ),
    fc.double(),
    fc.constantFrom(new Date(Number.NaN), new Date(8.64e15), new Array(6000).fill(1)),
  );
}

/** Every path into a plain JSON-like value: [] is the whole value. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value))
    value.forEach((v, i) => {
      out.push(...pathsOf(v, [...at, i]));
    });
  else if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  }
  return out;
}

function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head!] = replaceAt(copy[head!], rest, replacement);
  return copy;
}

function addKey(value: unknown, path: (string | number)[], key: string, extra: unknown): unknown {
  if (path.length > 0) {
    const [head, ...rest] = path;
    const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
      string | number,
      unknown
    >;
    copy[head!] = addKey(copy[head!], rest, key, extra);
    return copy;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return value;
  // defineProperty: a plain assignment of "__proto__" would set the prototype, not a key.
  const copy = { ...(value as object) };
  Object.defineProperty(copy, key, {
    value: extra,
    enumerable: true,
    configurable: true,
    writable: true,
  });
  return copy;
}

// What an attacker splices into an otherwise valid string: it keeps passing length and
// format checks that look only at the rest, and reaches the database.
const POISON = fc.constantFrom(
  "\u0000",
  "\uD800",
  "\uDFFF",
  "\u0007",
  "\r\n",
  "\u202E",
  "'",
  "%00",
  "\\",
);

function poisoned(original: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc
      .tuple(fc.nat(original.length), POISON)
      .map(([at, p]) => original.slice(0, at) + p + original.slice(at)),
    fc.constantFrom(
      original.repeat(Math.ceil(70_000 / Math.max(1, original.length))),
      "",
      " ",
      original.toUpperCase(),
    ),
  );
}

const at = (value: unknown, path: (string | number)[]) =>
  path.reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], value);

/** Hostile variations of `base`, a valid input of the procedure under test. */
export function hostileInput(base: unknown, fx: Fixture): fc.Arbitrary<unknown> {
  const paths = pathsOf(base);
  const objectPaths = paths.filter((p) => {
    const v = at(base, p);
    return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);
  });
  const stringPaths = paths.filter((p) => typeof at(base, p) === "string");
  const value = hostileValue(fx);
  const variants: fc.WeightedArbitrary<unknown>[] = [
    { weight: 1, arbitrary: value },
    {
      weight: 3,
      arbitrary: fc.tuple(fc.constantFrom(...paths), value).map(([p, v]) => replaceAt(base, p, v)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...paths), value, fc.constantFrom(...paths), value)
        .map(([p, v, q, w]) => replaceAt(replaceAt(base, p, v), q, w)),
    },
  ];
  if (stringPaths.length > 0) {
    const poisonOne = fc
      .constantFrom(...stringPaths)
      .chain((p) => poisoned(at(base, p) as string).map((v) => replaceAt(base, p, v)));
    variants.push({ weight: 4, arbitrary: poisonOne });
  }
  if (objectPaths.length > 0) {
    const key = fc.oneof(
      fc.constantFrom("__proto__", "constructor", "prototype", "x\u0000", "\uD800"),
      fc.string({ maxLength: 12 }),
    );
    variants.push({
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...objectPaths), key, value)
        .map(([p, k, v]) => addKey(base, p, k, v)),
    });
  }
  return fc.oneof(...variants);
}
