// The one way an import reads a file: a path or `$ref` is resolved against the file that
// names it, every link on the way is followed (realpath), and the result must stay inside
// the import root. Refusals name the ref and the rule, never the target's content, and an
// outside path is refused before it is ever stat'ed, so refusals cannot probe the disk.
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync } from "node:fs";
import path from "node:path";

type ContainmentRule = "outside-import-root" | "not-a-path" | "not-found" | "too-large";

export interface ContainmentProblem {
  rule: ContainmentRule;
  message: string;
}

export type Contained =
  | { path: string; problem?: undefined }
  | { path?: undefined; problem: ContainmentProblem };

/** Files an import reads are definitions, not data: anything bigger is refused unread. */
const MAX_IMPORT_FILE_BYTES = 1_000_000;

/** True when `candidate` is `root` or below it (both absolute, normalized). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** The real path of an import root (links resolved), so containment compares like with like. */
export function realRoot(dir: string): string {
  return realpathSync(path.resolve(dir));
}

const outside = (ref: string): Contained => ({
  problem: { rule: "outside-import-root", message: `"${ref}" is outside the import root` },
});

/**
 * Resolves `ref` (a relative or absolute path, possibly percent-encoded as a JSON Schema `$ref`
 * URI reference) from the directory `fromDir`, and returns its real path when that lies inside
 * `root` (a real path, see `realRoot`).
 */
export function containedPath(root: string, fromDir: string, ref: string): Contained {
  let decoded: string;
  try {
    // A `$ref` is a URI reference: `%2e%2e/` means `../`, so it is checked decoded.
    decoded = decodeURIComponent(ref);
  } catch {
    return {
      problem: {
        rule: "not-a-path",
        message: `"${ref}" is not a valid path (bad percent-encoding)`,
      },
    };
  }
  if (decoded.includes("\0") || /^[a-z][a-z0-9+.-]*:/i.test(decoded)) {
    return {
      problem: {
        rule: "not-a-path",
        message: `"${ref}" must be a file path inside the import root`,
      },
    };
  }
  const lexical = path.resolve(fromDir, decoded);
  if (!isInside(root, lexical)) return outside(ref);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch {
    return { problem: { rule: "not-found", message: `"${ref}" does not exist` } };
  }
  // A link inside the root may point anywhere: only where it really leads counts.
  if (!isInside(root, real)) return outside(ref);
  return { path: real };
}

/**
 * Reads a file that `containedPath` returned. The last component is opened without following
 * a link, so a file swapped for a link after the check is not read.
 */
export function readContainedFile(
  realPath: string,
  ref: string,
): { text: string; problem?: undefined } | { text?: undefined; problem: ContainmentProblem } {
  let fd: number;
  try {
    fd = openSync(realPath, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    return { problem: { rule: "not-found", message: `"${ref}" cannot be read` } };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile())
      return { problem: { rule: "not-found", message: `"${ref}" is not a file` } };
    if (stat.size > MAX_IMPORT_FILE_BYTES)
      return {
        problem: {
          rule: "too-large",
          message: `"${ref}" is larger than ${MAX_IMPORT_FILE_BYTES} bytes`,
        },
      };
    return { text: readFileSync(fd, "utf8") };
  } finally {
    closeSync(fd);
  }
}
