// Where an ops user may point a server-side import preview: the catalog itself and the
// directories listed in PATCHBAY_IMPORT_ROOTS. Anything else is refused, so the procedure
// cannot be used to probe the server's file system.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { isInside } from "../bundles/contained-path";
import { AppError } from "../domain/errors";
import { env } from "../env";
import { catalogRoot } from "./root";

function real(p: string): string {
  const resolved = path.resolve(p);
  return existsSync(resolved) ? realpathSync(resolved) : resolved;
}

export function importRoots(): string[] {
  const configured = (env().PATCHBAY_IMPORT_ROOTS ?? "").split(path.delimiter).filter(Boolean);
  return [catalogRoot(), ...configured].map(real);
}

/**
 * The real path of `target` and the import root it lies in (every file the import then reads
 * must stay inside that root); otherwise a field error.
 */
export function checkImportPath(target: string): { path: string; root: string } {
  const resolved = real(target);
  // The innermost root wins, so refs are held to the narrowest directory that allows the path.
  const root = importRoots()
    .filter((r) => isInside(r, resolved))
    .sort((a, b) => b.length - a.length)[0];
  if (!root) {
    const message = "must be inside the catalog or a directory listed in PATCHBAY_IMPORT_ROOTS";
    throw new AppError("BAD_REQUEST", `path: ${message}`, { fields: { path: [message] } });
  }
  return { path: resolved, root };
}
