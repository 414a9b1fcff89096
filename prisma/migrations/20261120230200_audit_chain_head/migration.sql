-- CreateTable
CREATE TABLE "AuditChain" (
    "chain" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,

    CONSTRAINT "AuditChain_pkey" PRIMARY KEY ("chain")
);


-- Existing chains start from their newest event.
INSERT INTO "AuditChain" ("chain", "seq", "hash", "prevHash")
SELECT DISTINCT ON ("chain") "chain", "seq", "hash", "prevHash" FROM "AuditEvent" ORDER BY "chain", "seq" DESC;
