// What a Massdriver bundle carries besides massdriver.yaml and how its presets are read:
// - `operator.md`, the operator guide, beside massdriver.yaml: imported as the bundle version's
//   runbook (read inside the import root like every other file, size-capped);
// - presets (`params.examples`) are partial value sets layered over the form's defaults, as
//   Massdriver applies them: a required field a preset leaves unset is the developer's to fill,
//   and the import says so, naming the file and the path.
import path from "node:path";
import { schemaDefaults, mergeParams } from "@/server/domain/access/params";
import { missingRequired } from "@/server/domain/catalog/required";
import type { BundleDefinition, CatalogWarning } from "@/server/domain/catalog/types";
import { containedPath, readContainedFile } from "./contained-path";
import type { ConvertContext } from "./massdriver-schema";

export const RUNBOOK_FILE = "operator.md";
/** The runbook is shown as text on a page: longer guides are cut, with a warning. */
export const MAX_RUNBOOK_CHARS = 100_000;

/** The `operator.md` beside a bundle's massdriver.yaml, if there is one inside the root. */
export function readRunbook(file: string, ctx: ConvertContext): { runbook?: string } {
  const guide = containedPath(ctx.root, path.dirname(file), RUNBOOK_FILE);
  const read = guide.path ? readContainedFile(guide.path, RUNBOOK_FILE) : guide;
  const text = "text" in read ? read.text : undefined;
  if (text === undefined) {
    if (read.problem && read.problem.rule !== "not-found")
      ctx.warnings.push({
        file: path.join(path.dirname(file), RUNBOOK_FILE),
        path: "/",
        message: `operator guide not imported: ${read.problem.message}`,
      });
    return {};
  }
  if (text.length <= MAX_RUNBOOK_CHARS) return { runbook: text };
  ctx.warnings.push({
    file: path.join(path.dirname(file), RUNBOOK_FILE),
    path: "/",
    message: `operator guide cut to its first ${MAX_RUNBOOK_CHARS} characters`,
  });
  return { runbook: text.slice(0, MAX_RUNBOOK_CHARS) };
}

/** One warning per preset that leaves required fields (after the form's defaults) unset. */
export function presetGaps(file: string, bundle: BundleDefinition): CatalogWarning[] {
  const defaults = schemaDefaults(bundle.params);
  return bundle.presets.flatMap((preset, i) => {
    const missing = missingRequired(bundle.params, mergeParams(defaults, preset.values));
    if (missing.length === 0) return [];
    const fields = missing.map((m) => `"${m}"`).join(", ");
    return [
      {
        file,
        path: `/params/examples/${i}`,
        message: `preset "${preset.name}" does not set required ${fields}: it is layered over the form's defaults and the developer fills the rest`,
      },
    ];
  });
}
