// Persisting a Massdriver import into the catalog (ops, through tRPC). The conversion is the
// one `npm run bundles:import` and the preview use; the write is the one the start-up sync
// uses (immutable versions, built-in presets), in one audited transaction. Only documents
// that validated are written; a name@version already published with other content is
// refused and reported, never overwritten.
import type { AuditContext } from "../audit/write";
import { auditedWrite } from "../audit/write";
import { importMassdriverPath } from "../bundles/massdriver";
import { AppError } from "../domain/errors";
import * as repo from "../repositories/catalog";
import { checkImportPath } from "./import-roots";
import { planIsEmpty, planSync } from "./plan";
import { applyPlan, summarize } from "./sync";

export interface ImportResult {
  added: ReturnType<typeof summarize>;
  warnings: { file: string; path: string; message: string }[];
  errors: { file: string; path: string; rule: string; message: string }[];
}

export async function importIntoCatalog(ctx: AuditContext, organizationId: string, target: string): Promise<ImportResult> {
  const { path, root } = checkImportPath(target);
  const converted = importMassdriverPath(path, { root, knownTypes: await repo.listArtifactTypes() });
  const warnings = [...converted.warnings];
  return auditedWrite(ctx, async (tx) => {
    await repo.lockCatalog(tx);
    // The catalog's own definitions win: an import never becomes a new version of them.
    const owned = await repo.namesNotFrom(tx, "massdriver");
    const skip = (kind: string, def: { name: string; source: string }) => {
      warnings.push({ file: def.source, path: "/name", message: `${kind} "${def.name}" already exists in the catalog; not imported` });
      return false;
    };
    const importable = {
      bundles: converted.bundles.filter((b) => !owned.bundles.has(b.name) || skip("bundle", b)),
      artifactTypes: converted.artifactTypes.filter((t) => !owned.artifactTypes.has(t.name) || skip("artifact type", t)),
    };
    const plan = planSync(importable, await repo.readStoredState(tx));
    const errors = [...converted.errors, ...plan.refused];
    if (planIsEmpty(plan)) {
      const why = errors.length > 0 ? `${errors.length} error(s), nothing valid to add` : "everything in it is already in the catalog";
      throw new AppError("BAD_REQUEST", `path: nothing to import (${why})`, { fields: { path: [`nothing to import: ${why}`] } });
    }
    await applyPlan(tx, plan, () => "massdriver");
    const added = summarize(plan);
    return {
      result: { added, warnings, errors },
      audit: {
        organizationId,
        action: "catalog.imported",
        target: { type: "catalog", id: target },
        after: { ...added, warnings: warnings.length, errors: errors.length },
      },
    };
  });
}
