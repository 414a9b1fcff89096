-- CreateIndex
CREATE INDEX "Instance_projectId_idx" ON "Instance"("projectId");

