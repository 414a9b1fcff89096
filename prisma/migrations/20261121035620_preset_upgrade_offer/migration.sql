-- AlterTable
ALTER TABLE "PresetVersion" ADD COLUMN     "offeredAt" TIMESTAMP(3),
ADD COLUMN     "offeredById" TEXT;


-- A published preset version is immutable: its values, guardrails, allowed environments,
-- rationale, number and status never change (instances are pinned to it). Only the offer
-- to upgrade older consumers may be recorded later.
CREATE OR REPLACE FUNCTION patchbay_preset_version_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD.status = 'published' AND (
    NEW."values" IS DISTINCT FROM OLD."values" OR NEW."rules" IS DISTINCT FROM OLD."rules"
    OR NEW."allowedEnvironments" IS DISTINCT FROM OLD."allowedEnvironments" OR NEW."rationale" IS DISTINCT FROM OLD."rationale"
    OR NEW."version" IS DISTINCT FROM OLD."version" OR NEW."status" IS DISTINCT FROM OLD."status"
    OR NEW."presetId" IS DISTINCT FROM OLD."presetId" OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt"
  ) THEN
    RAISE EXCEPTION 'PresetVersion % is published and immutable', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "PresetVersion_published_immutable"
  BEFORE UPDATE ON "PresetVersion"
  FOR EACH ROW EXECUTE FUNCTION patchbay_preset_version_immutable();
