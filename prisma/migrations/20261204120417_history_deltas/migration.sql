-- AlterTable
ALTER TABLE "EnvironmentSnapshot" ADD COLUMN     "checkpoint" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "depth" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "EnvironmentSnapshot_environmentId_checkpoint_at_idx" ON "EnvironmentSnapshot"("environmentId", "checkpoint", "at");

