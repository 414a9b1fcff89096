// Writes an import into `<catalog>/imported/` in Patchbay's on-disk format. Only
// documents that validated are written; names already used by the hand-written catalog
// are skipped (the shipped definition wins) and reported.
import { cpSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import type { CatalogWarning } from "@/server/domain/catalog/types";
import { containedPath, isInside } from "./contained-path";
import { ARTIFACT_TYPES_DIR, BUNDLE_FILE, IMPORTED_DIR } from "./loader";
import type { MassdriverImport } from "./massdriver";
import { RUNBOOK_FILE } from "./massdriver-runbook";

export interface WriteReport {
  written: string[];
  warnings: CatalogWarning[];
}

const HEADER =
  "# Imported from Massdriver by `npm run bundles:import`; review the import warnings.\n";

/** `importRoot` bounds what is copied: a step directory that leads out of it is not copied. */
export function writeImport(
  result: MassdriverImport,
  catalogRoot: string,
  importRoot: string,
): WriteReport {
  const report: WriteReport = { written: [], warnings: [] };
  const root = path.join(catalogRoot, IMPORTED_DIR);
  const validTypes = new Set(result.artifactTypes.map((t) => t.source));
  const validBundles = new Set(result.bundles.map((b) => b.source));
  const shipped = (p: string) => existsSync(path.join(catalogRoot, p));

  for (const { file, document } of result.documents.artifactTypes) {
    if (!validTypes.has(file)) continue;
    if (shipped(path.join(ARTIFACT_TYPES_DIR, `${document.name}.yaml`))) {
      report.warnings.push({
        file,
        path: "/name",
        message: `artifact type "${document.name}" already exists in the catalog; not written`,
      });
      continue;
    }
    const target = path.join(root, ARTIFACT_TYPES_DIR, `${document.name}.yaml`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, HEADER + stringify(document, { lineWidth: 0 }));
    report.written.push(target);
  }

  for (const { file, document, runbook } of result.documents.bundles) {
    if (!validBundles.has(file)) continue;
    if (shipped(document.name)) {
      report.warnings.push({
        file,
        path: "/name",
        message: `bundle "${document.name}" already exists in the catalog; not written`,
      });
      continue;
    }
    const dir = path.join(root, document.name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, BUNDLE_FILE), HEADER + stringify(document, { lineWidth: 0 }));
    report.written.push(path.join(dir, BUNDLE_FILE));
    if (runbook !== undefined) {
      writeFileSync(path.join(dir, RUNBOOK_FILE), runbook);
      report.written.push(path.join(dir, RUNBOOK_FILE));
    }
    for (const step of document.steps) {
      const source = containedPath(importRoot, path.dirname(file), step.path);
      const destination = path.join(dir, step.path);
      if (!isInside(dir, destination)) {
        report.warnings.push({
          file,
          path: "/steps",
          message: `step directory "${step.path}" leads out of the bundle's directory; not copied`,
        });
      } else if (
        source.problem?.rule === "outside-import-root" ||
        source.problem?.rule === "not-a-path"
      ) {
        report.warnings.push({
          file,
          path: "/steps",
          message: `step directory ${source.problem.message}; not copied`,
        });
      } else if (source.path) {
        // Links inside the copied tree are kept as links, never dereferenced into the catalog.
        cpSync(source.path, destination, {
          recursive: true,
          dereference: false,
          verbatimSymlinks: true,
        });
      } else {
        report.warnings.push({
          file,
          path: "/steps",
          message: `step directory "${step.path}" not found next to the source; add the IaC before the bundle can load`,
        });
      }
    }
  }
  return report;
}
