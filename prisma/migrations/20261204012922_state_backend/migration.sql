-- CreateTable
CREATE TABLE "StateVersion" (
    "id" TEXT NOT NULL,
    "organizationId" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "serial" INTEGER NOT NULL,
    "lineage" TEXT NOT NULL,
    "md5" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "iv" TEXT NOT NULL,
    "authTag" TEXT NOT NULL,
    "who" TEXT NOT NULL,
    "deploymentId" TEXT,
    "forced" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StateVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StateLock" (
    "id" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "lockId" TEXT NOT NULL,
    "info" JSONB NOT NULL,
    "deploymentId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StateLock_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "StateVersion_organizationId_idx" ON "StateVersion"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "StateVersion_instanceId_step_version_key" ON "StateVersion"("instanceId", "step", "version");

-- CreateIndex
CREATE INDEX "StateLock_deploymentId_idx" ON "StateLock"("deploymentId");

-- CreateIndex
CREATE UNIQUE INDEX "StateLock_instanceId_step_key" ON "StateLock"("instanceId", "step");

-- AddForeignKey
ALTER TABLE "StateVersion" ADD CONSTRAINT "StateVersion_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StateLock" ADD CONSTRAINT "StateLock_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "Instance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

