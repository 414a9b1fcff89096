-- CreateTable
CREATE TABLE "DiagramChange" (
    "projectId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "writes" TEXT[],
    "reads" TEXT[],

    CONSTRAINT "DiagramChange_pkey" PRIMARY KEY ("projectId","revision")
);

-- AddForeignKey
ALTER TABLE "DiagramChange" ADD CONSTRAINT "DiagramChange_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

