// Does a path into a payload touch a sensitive field? Paths are segment lists; the type's
// `sensitivePaths` are JSON pointers where `*` stands for any array element or map key.

/** RFC 6901 pointer → segments (`/a~1b/c` → `["a/b", "c"]`). */
export function pointerSegments(pointer: string): string[] {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/**
 * True when `segments` names a sensitive field, something inside one, or an object that
 * contains one (rendering `{{connections.db}}` as JSON would include its password).
 */
export function touchesSensitive(
  sensitivePaths: readonly string[],
  segments: readonly string[],
): boolean {
  return sensitivePaths.some((pointer) => {
    const sensitive = pointerSegments(pointer);
    const shared = Math.min(sensitive.length, segments.length);
    for (let i = 0; i < shared; i++) {
      if (sensitive[i] !== "*" && sensitive[i] !== segments[i]) return false;
    }
    return true;
  });
}
