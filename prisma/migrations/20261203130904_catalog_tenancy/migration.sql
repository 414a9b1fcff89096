-- DropIndex
DROP INDEX "ArtifactType_name_digest_key";

-- DropIndex
DROP INDEX "Bundle_name_key";

-- AlterTable
ALTER TABLE "ArtifactType" ADD COLUMN     "organizationId" TEXT;

-- AlterTable
ALTER TABLE "Bundle" ADD COLUMN     "organizationId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "ArtifactType_organizationId_name_digest_key" ON "ArtifactType"("organizationId", "name", "digest");

-- CreateIndex
CREATE UNIQUE INDEX "Bundle_organizationId_name_key" ON "Bundle"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "ArtifactType" ADD CONSTRAINT "ArtifactType_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bundle" ADD CONSTRAINT "Bundle_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Shared (shipped) rows have no organization; a unique index admits any number of NULLs, so
-- shared names are kept unique by partial indexes.
CREATE UNIQUE INDEX "Bundle_shared_name_key" ON "Bundle"("name") WHERE "organizationId" IS NULL;
CREATE UNIQUE INDEX "ArtifactType_shared_name_digest_key" ON "ArtifactType"("name", "digest") WHERE "organizationId" IS NULL;

-- Content imported through the Catalog page before this migration was global. Give it to the
-- organization whose catalog.imported event first added it (its audit trail already says so).
-- Rows synced from bundles/ (including bundles/imported/) have no such event and stay shared.
UPDATE "Bundle" b SET "organizationId" = (
  SELECT e."organizationId" FROM "AuditEvent" e JOIN "BundleVersion" v ON v."bundleId" = b."id"
  WHERE e."action" = 'catalog.imported' AND e."organizationId" IS NOT NULL
    AND (e."after"->'bundleVersions') ? (b."name" || '@' || v."version")
  ORDER BY e."at", e."seq" LIMIT 1)
WHERE b."source" = 'massdriver' AND EXISTS (
  SELECT 1 FROM "AuditEvent" e JOIN "BundleVersion" v ON v."bundleId" = b."id"
  WHERE e."action" = 'catalog.imported' AND e."organizationId" IS NOT NULL
    AND (e."after"->'bundleVersions') ? (b."name" || '@' || v."version"));

UPDATE "ArtifactType" t SET "organizationId" = (
  SELECT e."organizationId" FROM "AuditEvent" e
  WHERE e."action" = 'catalog.imported' AND e."organizationId" IS NOT NULL
    AND (e."after"->'artifactTypes') ? (t."name" || '@' || left(t."digest", 12))
  ORDER BY e."at", e."seq" LIMIT 1)
WHERE t."source" = 'massdriver' AND EXISTS (
  SELECT 1 FROM "AuditEvent" e
  WHERE e."action" = 'catalog.imported' AND e."organizationId" IS NOT NULL
    AND (e."after"->'artifactTypes') ? (t."name" || '@' || left(t."digest", 12)));

-- Their built-in presets (Massdriver params.examples) follow the bundle, unless the
-- organization already has a preset of that name for it.
UPDATE "Preset" p SET "organizationId" = b."organizationId"
FROM "Bundle" b
WHERE p."organizationId" IS NULL AND p."builtIn" AND p."bundleName" = b."name" AND b."organizationId" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "Bundle" s WHERE s."name" = b."name" AND s."organizationId" IS NULL)
  AND NOT EXISTS (SELECT 1 FROM "Preset" o WHERE o."organizationId" = b."organizationId" AND o."bundleName" = p."bundleName" AND o."name" = p."name");
