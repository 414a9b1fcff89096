// Masking: a change the viewer may not see keeps its kind, path and status (so "these
// differ" is still shown) but its values are replaced by a marker before they reach the
// result. The decision is the caller's (role, bundle schema); `maskSensitive` covers the
// common case of fields a schema marks sensitive.
import { pointerSegments } from "../access/sensitive";
import type { MaskPlace } from "./types";

/** What a masked change shows instead of a value. */
export const MASKED = "[masked]";

export interface SensitivePointers {
  /** JSON pointers of a bundle's sensitive params (`*` = any key or index). */
  params?: (bundle: string) => readonly string[] | undefined;
  /** JSON pointers of sensitive fields in a bundle's output artifact `slot`. */
  artifacts?: (bundle: string, slot: string) => readonly string[] | undefined;
}

/**
 * A mask that hides a sensitive field, anything below it, and any value reported whole that
 * contains one (an object that replaced a scalar). Each pointer is parsed once.
 */
export function maskSensitive(pointers: SensitivePointers): (place: MaskPlace) => boolean {
  // By pointer text, not by list: callers may well build a fresh list on every call.
  const parsed = new Map<string, string[]>();
  const segmentsOf = (pointer: string) => {
    const known = parsed.get(pointer);
    if (known) return known;
    const found = pointerSegments(pointer);
    parsed.set(pointer, found);
    return found;
  };
  return ({ bundle, kind, segments }) => {
    const list =
      kind === "param"
        ? pointers.params?.(bundle)
        : pointers.artifacts?.(bundle, segments[0] ?? "");
    if (!list) return false;
    const offset = kind === "param" ? 0 : 1;
    return list.some((pointer) => touches(segmentsOf(pointer), segments, offset));
  };
}

// Same rule as `touchesSensitive`: the pointer and the path agree on every segment they share.
function touches(pointer: readonly string[], segments: readonly string[], offset: number): boolean {
  const shared = Math.min(pointer.length, segments.length - offset);
  for (let i = 0; i < shared; i++) {
    if (pointer[i] !== "*" && pointer[i] !== segments[i + offset]) return false;
  }
  return true;
}
