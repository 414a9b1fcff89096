-- AlterTable
ALTER TABLE "Environment" ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "preview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "pullRequest" TEXT;

-- CreateIndex
CREATE INDEX "Environment_expiresAt_idx" ON "Environment"("expiresAt");

