-- Component and line ids are chosen by the client, so they become unique per project only
-- (a global key told one organization whether another used an id). Instances carry their
-- project so their component is found by (project, id); existing rows keep their ids.
-- DropForeignKey
ALTER TABLE "Link" DROP CONSTRAINT "Link_fromComponentId_fkey";

-- DropForeignKey
ALTER TABLE "Link" DROP CONSTRAINT "Link_toComponentId_fkey";

-- DropForeignKey
ALTER TABLE "Instance" DROP CONSTRAINT "Instance_componentId_fkey";

-- DropForeignKey
ALTER TABLE "Instance" DROP CONSTRAINT "Instance_environmentId_fkey";

-- DropIndex
DROP INDEX "Link_projectId_idx";

-- DropIndex
DROP INDEX "Link_toComponentId_toSlot_key";

-- AlterTable
ALTER TABLE "Component" DROP CONSTRAINT "Component_pkey",
ADD CONSTRAINT "Component_pkey" PRIMARY KEY ("projectId", "id");

-- AlterTable
ALTER TABLE "Link" DROP CONSTRAINT "Link_pkey",
ADD CONSTRAINT "Link_pkey" PRIMARY KEY ("projectId", "id");

-- AlterTable: added nullable, filled from each instance's environment, then required
ALTER TABLE "Instance" ADD COLUMN     "projectId" TEXT;
UPDATE "Instance" i SET "projectId" = e."projectId" FROM "Environment" e WHERE e.id = i."environmentId";
ALTER TABLE "Instance" ALTER COLUMN "projectId" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Environment_projectId_id_key" ON "Environment"("projectId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Link_projectId_toComponentId_toSlot_key" ON "Link"("projectId", "toComponentId", "toSlot");

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_projectId_fromComponentId_fkey" FOREIGN KEY ("projectId", "fromComponentId") REFERENCES "Component"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Link" ADD CONSTRAINT "Link_projectId_toComponentId_fkey" FOREIGN KEY ("projectId", "toComponentId") REFERENCES "Component"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_projectId_componentId_fkey" FOREIGN KEY ("projectId", "componentId") REFERENCES "Component"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Instance" ADD CONSTRAINT "Instance_projectId_environmentId_fkey" FOREIGN KEY ("projectId", "environmentId") REFERENCES "Environment"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

