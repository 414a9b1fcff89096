// Start-up sync of the on-disk catalog into the database as immutable versions. Never throws
// for catalog content: loader errors and refused versions are logged and returned, so a bad
// bundle cannot keep Patchbay from starting.
import { auditedWrite } from "../changes/audited-write";
import { formatCatalogError, loadCatalog } from "../bundles/loader";
import type { CatalogError } from "../domain/catalog/types";
import type { Tx } from "../db";
import { log } from "../log";
import * as repo from "../repositories/catalog";
import { planIsEmpty, planSync, sourceOf, type SyncPlan } from "./plan";
import { withExplicitOrder } from "./property-order";

export interface SyncResult {
  added: { bundleVersions: string[]; artifactTypes: string[]; presets: string[] };
  /** Loader errors plus published versions whose definition changed on disk. */
  errors: CatalogError[];
  changed: boolean;
}

const SYSTEM = { actor: { type: "system" as const, label: "catalog-sync" }, meta: {} };

// Thrown inside the transaction when another process synced first: rolls back the (empty) event.
class NothingToDo extends Error {}

/**
 * Writes a plan's new versions as `owner`'s (null: the shared catalog); `source` tells where
 * each definition came from.
 */
export async function applyPlan(
  tx: Tx,
  plan: SyncPlan,
  source: (def: { source: string }) => string,
  owner: repo.CatalogOwner,
): Promise<void> {
  for (const type of plan.artifactTypes)
    await repo.insertArtifactType(tx, type, source(type), owner);
  for (const { definition: def, isLatest } of plan.bundleVersions) {
    await repo.insertBundleVersion(
      tx,
      { ...def, ui: withExplicitOrder(def.params, def.ui) },
      source(def),
      isLatest,
      owner,
    );
  }
  for (const preset of plan.presets) await repo.publishBuiltInPreset(tx, preset, owner);
}

export function summarize(plan: SyncPlan): SyncResult["added"] {
  return {
    bundleVersions: plan.bundleVersions.map((b) => `${b.definition.name}@${b.definition.version}`),
    artifactTypes: plan.artifactTypes.map((t) => `${t.name}@${t.digest.slice(0, 12)}`),
    presets: plan.presets.map((p) => `${p.bundleName}/${p.name} v${p.version}`),
  };
}

export async function syncCatalog(root: string): Promise<SyncResult> {
  const catalog = loadCatalog(root);
  for (const error of catalog.errors)
    log.warn({ catalogError: formatCatalogError(error) }, "catalog: definition skipped");

  // The catalog on disk is the shared catalog: the sync writes only rows with no organization.
  let plan = planSync(catalog, await repo.readStoredState(null));
  const empty = { bundleVersions: [], artifactTypes: [], presets: [] };
  let added: SyncResult["added"] = empty;
  if (!planIsEmpty(plan)) {
    try {
      added = await auditedWrite(SYSTEM, async (tx) => {
        await repo.lockCatalog(tx);
        // Re-plan under the lock: another process may have synced since the first read.
        plan = planSync(catalog, await repo.readStoredState(null, tx));
        if (planIsEmpty(plan)) throw new NothingToDo();
        await applyPlan(tx, plan, sourceOf, null);
        const summary = summarize(plan);
        return {
          result: summary,
          audit: {
            organizationId: null,
            action: "catalog.synced",
            target: { type: "catalog", id: root },
            after: summary,
          },
        };
      });
    } catch (error) {
      if (!(error instanceof NothingToDo)) throw error;
    }
  }
  for (const error of plan.refused)
    log.error({ catalogError: formatCatalogError(error) }, "catalog: published version changed");
  const changed = added !== empty;
  if (changed) {
    const counts = {
      bundleVersions: added.bundleVersions.length,
      artifactTypes: added.artifactTypes.length,
      presets: added.presets.length,
    };
    log.info(counts, "catalog synced");
  }
  return { added, errors: [...catalog.errors, ...plan.refused], changed };
}
