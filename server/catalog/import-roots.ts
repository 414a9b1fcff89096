// Where an ops user may point a server-side import preview: the catalog itself and the
// directories listed in PATCHBAY_IMPORT_ROOTS. Anything else is refused, so the procedure
// cannot be used to probe the server's file system.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { AppError } from "../domain/errors";
import { catalogRoot } from "./root";

function real(p: string): string {
  const resolved = path.resolve(p);
  return existsSync(resolved) ? realpathSync(resolved) : resolved;
}

export function importRoots(): string[] {
  const configured = (process.env.PATCHBAY_IMPORT_ROOTS ?? "").split(path.delimiter).filter(Boolean);
  return [catalogRoot(), ...configured].map(real);
}

/** The real path of `target` when it lies inside an import root; otherwise a field error. */
export function checkImportPath(target: string): string {
  const resolved = real(target);
  const inside = importRoots().some((root) => resolved === root || resolved.startsWith(root + path.sep));
  if (!inside) {
    const message = "must be inside the catalog or a directory listed in PATCHBAY_IMPORT_ROOTS";
    throw new AppError("BAD_REQUEST", `path: ${message}`, { fields: { path: [message] } });
  }
  return resolved;
}
