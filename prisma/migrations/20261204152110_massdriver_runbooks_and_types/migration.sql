-- AlterTable
ALTER TABLE "BundleVersion" ADD COLUMN     "runbook" TEXT;

-- CreateTable
CREATE TABLE "MassdriverType" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schema" JSONB NOT NULL,
    "digest" TEXT NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MassdriverType_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MassdriverType_organizationId_name_key" ON "MassdriverType"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "MassdriverType" ADD CONSTRAINT "MassdriverType_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

