// The demo's ops-authored preset: "Postgres – Production" for aws-rds-postgres, locking
// deletion protection and narrowing the instance class, storage and backups, allowed only in
// production-class environments. v1 is what production's database is pinned to; v2 (longer
// backups, multi-AZ locked, a narrower storage range) is published and offered, so the canvas
// shows "preset update available" and the preset page shows the consumer and what would change.
import type { AuditContext } from "./audit/types";
import type { BundleDefinition } from "./domain/catalog/types";
import type { PresetRules } from "./domain/presets/types";
import { setAt } from "./domain/presets/values";
import {
  createPreset,
  offerPresetUpgrade,
  publishPreset,
  savePresetDraft,
} from "./presets/service";

export const DEMO_PRESET = "Postgres – Production";

const rules: PresetRules = {
  deletion_protection: { mode: "locked" },
  instance_class: { mode: "narrowed", enum: ["db.m7g.xlarge", "db.r7g.large", "db.r7g.2xlarge"] },
  "storage.allocated_gb": { mode: "narrowed", minimum: 100, maximum: 2000 },
  "backup.retention_days": { mode: "narrowed", minimum: 14 },
};

/** Publishes v1 of the demo preset; returns its values (what production's database starts from). */
export async function seedDemoPreset(
  seed: AuditContext,
  organizationId: string,
  rds: BundleDefinition,
): Promise<Record<string, unknown> | null> {
  const shipped = rds.presets.find((p) => p.name === "Production")?.values;
  if (!shipped) return null;
  const description =
    "How we run PostgreSQL in production: protected, memory-optimised, backed up.";
  const { id } = await createPreset(seed, organizationId, {
    bundle: rds.name,
    name: DEMO_PRESET,
    description,
    values: shipped,
    rules,
    allowed: { classes: ["production"] },
    rationale:
      "Deletion protection is not negotiable in production; instance classes are the ones our reserved capacity covers.",
  });
  await publishPreset(seed, organizationId, id);
  return shipped;
}

/**
 * v2: 35 days of backups, multi-AZ locked on and storage narrowed to 100–1000 GiB (a guardrail
 * change the upgrade review names although production's values stay inside it); published and
 * offered to v1's consumers.
 */
export async function seedDemoPresetUpgrade(
  seed: AuditContext,
  organizationId: string,
  presetId: string,
  v1: Record<string, unknown>,
): Promise<void> {
  await savePresetDraft(seed, organizationId, presetId, {
    name: DEMO_PRESET,
    description: "How we run PostgreSQL in production: protected, memory-optimised, backed up.",
    values: setAt(setAt(v1, "backup.retention_days", 35), "multi_az", true),
    rules: {
      ...rules,
      multi_az: { mode: "locked" },
      "storage.allocated_gb": { mode: "narrowed", minimum: 100, maximum: 1000 },
    },
    allowed: { classes: ["production"] },
    rationale:
      "After the March restore drill: keep five weeks of backups, and never run production single-AZ.",
  });
  await publishPreset(seed, organizationId, presetId);
  await offerPresetUpgrade(seed, organizationId, presetId, 2);
}
