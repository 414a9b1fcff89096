// Splitting a payload along its type's sensitive paths: the public part is stored as JSON,
// the sensitive values (by concrete JSON pointer) are encrypted together in one column.
// Pure: no Node imports, so it is tested directly.
import { pointerSegments } from "./sensitive";
import { toPointer } from "../catalog/schema-path";

export type PayloadObject = Record<string, unknown>;

/** Concrete pointer → value of every sensitive field present in the payload. */
export type SensitiveValues = Record<string, unknown>;

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === "object" && value !== null;
}

/** Every concrete path in `value` matched by `pattern` (`*` = any key or index). */
function matches(value: unknown, pattern: string[], at: string[] = []): string[][] {
  if (pattern.length === 0) return [at];
  if (!isContainer(value)) return [];
  const [head, ...rest] = pattern;
  const keys = Array.isArray(value) ? value.map((_, i) => String(i)) : Object.keys(value);
  return keys
    .filter((k) => head === "*" || head === k)
    .flatMap((k) => matches((value as Record<string, unknown>)[k], rest, [...at, k]));
}

function parentOf(
  root: unknown,
  segments: string[],
): Record<string, unknown> | unknown[] | undefined {
  let node = root;
  for (const s of segments.slice(0, -1)) {
    if (!isContainer(node)) return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return isContainer(node) ? node : undefined;
}

/**
 * Removes the sensitive fields from a copy of `payload`. A sensitive field that contains
 * another is taken whole (the outer pointer wins), so no value is stored twice.
 */
export function splitSensitive(
  payload: PayloadObject,
  sensitivePaths: readonly string[],
): { publicPayload: PayloadObject; sensitive: SensitiveValues } {
  const copy = structuredClone(payload);
  const sensitive: SensitiveValues = {};
  // Shorter patterns first: once an outer field is taken, inner matches find nothing.
  const patterns = [...sensitivePaths].map(pointerSegments).sort((a, b) => a.length - b.length);
  for (const pattern of patterns) {
    for (const segments of matches(copy, pattern)) {
      const parent = parentOf(copy, segments);
      const last = segments.at(-1)!;
      if (!parent) continue;
      const value = (parent as Record<string, unknown>)[last];
      if (value === undefined) continue;
      sensitive[toPointer(segments)] = value;
      if (Array.isArray(parent)) parent[Number(last)] = null;
      else delete parent[last];
    }
  }
  return { publicPayload: copy, sensitive };
}

/** Puts sensitive values (or markers standing for them) back at their pointers. */
export function mergeSensitive(
  publicPayload: PayloadObject,
  sensitive: SensitiveValues,
): PayloadObject {
  const copy = structuredClone(publicPayload);
  for (const [pointer, value] of Object.entries(sensitive)) {
    const segments = pointerSegments(pointer);
    let node: unknown = copy;
    for (let i = 0; i < segments.length - 1; i++) {
      const container = node as Record<string, unknown>;
      const s = segments[i]!;
      if (!isContainer(container[s])) container[s] = /^\d+$/.test(segments[i + 1]!) ? [] : {};
      node = container[s];
    }
    (node as Record<string, unknown>)[segments.at(-1)!] = value;
  }
  return copy;
}
