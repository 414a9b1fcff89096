-- A deployment is an immutable record of what was requested: what, where, by whom and its
-- frozen snapshot never change. Only its progress may (status, started/finished times),
-- which is what a runner writes.
CREATE OR REPLACE FUNCTION patchbay_deployment_record_immutable() RETURNS trigger AS $$
BEGIN
  IF NEW."instanceId" IS DISTINCT FROM OLD."instanceId" AND NEW."instanceId" IS NOT NULL
     OR NEW."environmentId" IS DISTINCT FROM OLD."environmentId"
     OR NEW.action IS DISTINCT FROM OLD.action
     OR NEW.snapshot IS DISTINCT FROM OLD.snapshot
     OR NEW."bundleVersion" IS DISTINCT FROM OLD."bundleVersion"
     OR NEW.message IS DISTINCT FROM OLD.message
     OR NEW."createdById" IS DISTINCT FROM OLD."createdById"
     OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt" THEN
    RAISE EXCEPTION 'Deployment records are immutable: only status, startedAt and finishedAt may change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Deployment_record_immutable"
  BEFORE UPDATE ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION patchbay_deployment_record_immutable();
