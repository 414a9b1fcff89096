-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "savedPlan" TEXT;

