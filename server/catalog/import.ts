// Persisting a Massdriver import into the catalog (ops, through tRPC). The conversion is the
// one `npm run bundles:import` and the preview use; the write is the one the start-up sync
// uses (immutable versions, built-in presets), in one audited transaction. Only documents
// that validated are written; a name@version already published with other content is
// refused and reported, never overwritten. What is written belongs to the importing
// organization: no other organization sees it.
import type { AuditContext } from "../audit/types";
import { auditedWrite } from "../changes/audited-write";
import { definitionDigest } from "../bundles/digest";
import { importMassdriverPath } from "../bundles/massdriver";
import { AppError } from "../domain/errors";
import * as repo from "../repositories/catalog";
import * as reads from "../repositories/catalog-reads";
import { listMassdriverTypes, saveMassdriverTypes } from "../repositories/massdriver-types";
import { checkImportPath } from "./import-roots";
import { planIsEmpty, planSync } from "./plan";
import { applyPlan, summarize } from "./sync";

export interface ImportResult {
  added: ReturnType<typeof summarize> & { massdriverTypes: string[] };
  warnings: { file: string; path: string; message: string }[];
  errors: { file: string; path: string; rule: string; message: string }[];
}

export async function importIntoCatalog(
  ctx: AuditContext,
  organizationId: string,
  target: string,
): Promise<ImportResult> {
  const { path, root } = checkImportPath(target);
  const converted = importMassdriverPath(path, {
    root,
    knownTypes: await reads.listArtifactTypes(organizationId),
    storedTypes: await listMassdriverTypes(organizationId),
  });
  const warnings = [...converted.warnings];
  const failed = new Set(converted.errors.map((e) => e.file));
  return auditedWrite(ctx, async (tx) => {
    await repo.lockCatalog(tx);
    // A shared (shipped) name is never shadowed: an import neither becomes a new version of it
    // nor a second meaning of the name for this organization.
    const shared = await repo.sharedNames(tx);
    const skip = (kind: string, def: { name: string; source: string }) => {
      warnings.push({
        file: def.source,
        path: "/name",
        message: `${kind} "${def.name}" already exists in the catalog; not imported`,
      });
      return false;
    };
    const importable = {
      bundles: converted.bundles.filter((b) => !shared.bundles.has(b.name) || skip("bundle", b)),
      artifactTypes: converted.artifactTypes.filter(
        (t) => !shared.artifactTypes.has(t.name) || skip("artifact type", t),
      ),
    };
    const plan = planSync(importable, await repo.readStoredState(organizationId, tx));
    // A shipped example never takes the name of a preset this organization's ops authored.
    const authored = await repo.authoredPresetKeys(tx, organizationId);
    plan.presets = plan.presets.filter((p) => {
      if (!authored.has(repo.presetKey(p.bundleName, p.name))) return true;
      warnings.push({
        file: p.bundleName,
        path: "/params/examples",
        message: `preset "${p.name}" of ${p.bundleName} is already one of this organization's presets; not imported`,
      });
      return false;
    });
    const errors = [...converted.errors, ...plan.refused];
    // Type fragments are kept for bundles imported later (their `…/types/<name>.json` URLs).
    const massdriverTypes = await saveMassdriverTypes(
      tx,
      organizationId,
      converted.schemaTypes
        .filter((t) => !failed.has(t.file))
        .map((t) => ({ name: t.name, schema: t.schema, digest: definitionDigest(t.schema) })),
    );
    if (planIsEmpty(plan) && massdriverTypes.length === 0) {
      const why =
        errors.length > 0
          ? `${errors.length} error(s), nothing valid to add`
          : "everything in it is already in the catalog";
      throw new AppError("BAD_REQUEST", `path: nothing to import (${why})`, {
        fields: { path: [`nothing to import: ${why}`] },
      });
    }
    await applyPlan(tx, plan, () => "massdriver", organizationId);
    const added = { ...summarize(plan), massdriverTypes };
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
