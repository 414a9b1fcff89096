-- A line's policy choice per environment moves from its consumer's instance (Instance.linkPolicies,
-- keyed by line id) to the line itself: one LinkPolicy row per (project, line, environment).
-- Existing choices are carried over; choices kept for lines deleted since (which nothing could
-- restore after a reload) and malformed entries are dropped.

-- CreateTable
CREATE TABLE "LinkPolicy" (
    "projectId" TEXT NOT NULL,
    "linkId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "policies" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkPolicy_pkey" PRIMARY KEY ("projectId","linkId","environmentId")
);

-- CreateIndex
CREATE INDEX "LinkPolicy_environmentId_idx" ON "LinkPolicy"("environmentId");

-- AddForeignKey
ALTER TABLE "LinkPolicy" ADD CONSTRAINT "LinkPolicy_projectId_linkId_fkey" FOREIGN KEY ("projectId", "linkId") REFERENCES "Link"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkPolicy" ADD CONSTRAINT "LinkPolicy_projectId_environmentId_fkey" FOREIGN KEY ("projectId", "environmentId") REFERENCES "Environment"("projectId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Carry the choices over: only for lines still on the diagram that end at the instance's component.
INSERT INTO "LinkPolicy" ("projectId", "linkId", "environmentId", "policies", "updatedAt")
SELECT i."projectId", choice.key, i."environmentId",
       ARRAY(SELECT jsonb_array_elements_text(choice.value)), i."updatedAt"
FROM "Instance" i
CROSS JOIN LATERAL jsonb_each(
  CASE WHEN jsonb_typeof(i."linkPolicies") = 'object' THEN i."linkPolicies" ELSE '{}'::jsonb END
) AS choice
JOIN "Link" l
  ON l."projectId" = i."projectId" AND l.id = choice.key AND l."toComponentId" = i."componentId"
WHERE jsonb_typeof(choice.value) = 'array';

-- AlterTable
ALTER TABLE "Instance" DROP COLUMN "linkPolicies";
