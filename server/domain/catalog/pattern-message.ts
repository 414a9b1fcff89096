// A value that breaks a schema's `pattern` is explained in words — the field's own `errorMessage`,
// else its title (and description) — and the regular expression is kept as a detail after a fixed
// marker, so a form can fold it away and a message still carries it for whoever needs it.
import type { JsonSchema } from "./types";

/** Separates the human message from the pattern it was checked against. */
const PATTERN_DETAIL = " · pattern ";

/** The schema node an error's `schemaPath` points into (`#/properties/a/pattern` → a). */
export function schemaAt(root: unknown, schemaPath: string): JsonSchema | undefined {
  const segments = schemaPath.replace(/^#\/?/, "").split("/").filter(Boolean).slice(0, -1);
  let node: unknown = root;
  for (const raw of segments) {
    const s = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node && typeof node === "object" ? (node as JsonSchema) : undefined;
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

/** `is not a valid database name · pattern ^[a-z]…`, or the field's own errorMessage. */
export function patternMessage(field: JsonSchema | undefined, pattern: string): string {
  const custom = text(field?.errorMessage);
  const title = text(field?.title);
  const description = text(field?.description);
  const human =
    custom ??
    `${title ? `is not a valid ${title.charAt(0).toLowerCase()}${title.slice(1)}` : "is not in the expected form"}${description ? ` (${description.replace(/\.$/, "")})` : ""}`;
  return `${human}${PATTERN_DETAIL}${pattern}`;
}

/** The message without its pattern, and the pattern (when it carries one). */
export function splitPatternDetail(message: string): { text: string; pattern?: string } {
  const at = message.indexOf(PATTERN_DETAIL);
  if (at < 0) return { text: message };
  return { text: message.slice(0, at), pattern: message.slice(at + PATTERN_DETAIL.length) };
}
