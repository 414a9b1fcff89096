-- AlterTable
ALTER TABLE "Artifact" ADD COLUMN     "production" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ArtifactRevision" (
    "id" TEXT NOT NULL,
    "artifactId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "production" BOOLEAN NOT NULL,
    "payload" JSONB NOT NULL,
    "fingerprints" JSONB NOT NULL DEFAULT '{}',
    "actorLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArtifactRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Publication" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "artifact" TEXT NOT NULL,
    "typeName" TEXT NOT NULL,
    "audience" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Publication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlotReference" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "componentId" TEXT NOT NULL,
    "slot" TEXT NOT NULL,
    "publicationId" TEXT,
    "importedArtifactId" TEXT,
    "policies" TEXT[],
    "overrideReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlotReference_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactRevision_artifactId_version_key" ON "ArtifactRevision"("artifactId", "version");

-- CreateIndex
CREATE INDEX "Publication_organizationId_idx" ON "Publication"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Publication_environmentId_componentId_artifact_key" ON "Publication"("environmentId", "componentId", "artifact");

-- CreateIndex
CREATE INDEX "SlotReference_publicationId_idx" ON "SlotReference"("publicationId");

-- CreateIndex
CREATE INDEX "SlotReference_importedArtifactId_idx" ON "SlotReference"("importedArtifactId");

-- CreateIndex
CREATE UNIQUE INDEX "SlotReference_environmentId_componentId_slot_key" ON "SlotReference"("environmentId", "componentId", "slot");

-- AddForeignKey
ALTER TABLE "ArtifactRevision" ADD CONSTRAINT "ArtifactRevision_artifactId_fkey" FOREIGN KEY ("artifactId") REFERENCES "Artifact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Publication" ADD CONSTRAINT "Publication_projectId_componentId_fkey" FOREIGN KEY ("projectId", "componentId") REFERENCES "Component"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotReference" ADD CONSTRAINT "SlotReference_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotReference" ADD CONSTRAINT "SlotReference_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotReference" ADD CONSTRAINT "SlotReference_projectId_componentId_fkey" FOREIGN KEY ("projectId", "componentId") REFERENCES "Component"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotReference" ADD CONSTRAINT "SlotReference_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SlotReference" ADD CONSTRAINT "SlotReference_importedArtifactId_fkey" FOREIGN KEY ("importedArtifactId") REFERENCES "Artifact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

