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
 * contains one (an object that replaced a scalar). Pointers are parsed once per list.
 */
export function maskSensitive(pointers: SensitivePointers): (place: MaskPlace) => boolean {
  const parsed = new WeakMap<readonly string[], string[][]>();
  const segmentsOf = (list: readonly string[]) => {
    let found = parsed.get(list);
    if (!found) parsed.set(list, (found = list.map(pointerSegments)));
    return found;
  };
  return ({ bundle, kind, segments }) => {
    const list = kind === "param" ? pointers.params?.(bundle) : pointers.artifacts?.(bundle, segments[0] ?? "");
    if (!list || list.length === 0) return false;
    return touches(segmentsOf(list), kind === "param" ? segments : segments.slice(1));
  };
}

// Same rule as `touchesSensitive`, over pre-parsed pointers.
function touches(sensitive: readonly string[][], segments: readonly string[]): boolean {
  return sensitive.some((pointer) => {
    const shared = Math.min(pointer.length, segments.length);
    for (let i = 0; i < shared; i++) {
      if (pointer[i] !== "*" && pointer[i] !== segments[i]) return false;
    }
    return true;
  });
}
