-- CreateEnum
CREATE TYPE "DriftStatus" AS ENUM ('clean', 'drifted', 'failed');

-- AlterEnum
ALTER TYPE "DeploymentAction" ADD VALUE 'drift';

-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "driftSchedule" TEXT,
ADD COLUMN     "driftTickAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "InstanceDrift" (
    "instanceId" TEXT NOT NULL,
    "status" "DriftStatus" NOT NULL,
    "items" JSONB NOT NULL DEFAULT '[]',
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "deploymentId" TEXT,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InstanceDrift_pkey" PRIMARY KEY ("instanceId")
);

-- AddForeignKey
ALTER TABLE "InstanceDrift" ADD CONSTRAINT "InstanceDrift_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

