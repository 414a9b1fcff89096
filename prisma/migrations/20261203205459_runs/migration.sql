-- AlterEnum
BEGIN;
CREATE TYPE "DeploymentStatus_new" AS ENUM ('queued', 'running', 'planned', 'succeeded', 'failed', 'aborted');
ALTER TABLE "Deployment" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Deployment" ALTER COLUMN "status" TYPE "DeploymentStatus_new" USING ((CASE WHEN "status"::text = 'cancelled' THEN 'aborted' ELSE "status"::text END)::"DeploymentStatus_new");
ALTER TYPE "DeploymentStatus" RENAME TO "DeploymentStatus_old";
ALTER TYPE "DeploymentStatus_new" RENAME TO "DeploymentStatus";
DROP TYPE "DeploymentStatus_old";
ALTER TABLE "Deployment" ALTER COLUMN "status" SET DEFAULT 'queued';
COMMIT;

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "abortRequested" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "changes" JSONB,
ADD COLUMN     "heartbeatAt" TIMESTAMP(3),
ADD COLUMN     "inputs" JSONB,
ADD COLUMN     "outputs" JSONB,
ADD COLUMN     "planId" TEXT,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "rollbackOfId" TEXT,
ADD COLUMN     "workerId" TEXT;

-- AlterTable
ALTER TABLE "Artifact" ADD COLUMN     "linkId" TEXT;

-- CreateTable
CREATE TABLE "DeploymentBatch" (
    "id" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "action" "DeploymentAction" NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeploymentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Deployment_status_idx" ON "Deployment"("status");

-- CreateIndex
CREATE INDEX "Deployment_batchId_idx" ON "Deployment"("batchId");

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "DeploymentBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeploymentBatch" ADD CONSTRAINT "DeploymentBatch_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- One active run per instance, whatever the queue does: a second queued or running run of the
-- same instance is refused by the database.
CREATE UNIQUE INDEX "Deployment_one_active_run" ON "Deployment"("instanceId") WHERE "status" IN ('queued', 'running');
