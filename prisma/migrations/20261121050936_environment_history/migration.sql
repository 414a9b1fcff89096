-- CreateTable
CREATE TABLE "EnvironmentSnapshot" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "auditEventId" TEXT,
    "hash" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "positions" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "EnvironmentSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnvironmentSnapshot_environmentId_at_idx" ON "EnvironmentSnapshot"("environmentId", "at");

-- AddForeignKey
ALTER TABLE "EnvironmentSnapshot" ADD CONSTRAINT "EnvironmentSnapshot_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- History rows are written once: an UPDATE is refused (deleting the environment still
-- removes its history through the cascade).
CREATE OR REPLACE FUNCTION patchbay_history_no_update() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'EnvironmentSnapshot rows are immutable: UPDATE refused'
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "EnvironmentSnapshot_no_update"
  BEFORE UPDATE ON "EnvironmentSnapshot"
  FOR EACH ROW EXECUTE FUNCTION patchbay_history_no_update();
