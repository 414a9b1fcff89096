-- AlterTable
ALTER TABLE "DeploymentBatch" ADD COLUMN     "parallelism" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "waits" JSONB NOT NULL DEFAULT '{}';

