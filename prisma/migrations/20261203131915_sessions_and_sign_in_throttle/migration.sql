-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "revokedReason" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "lastFailureAt" TIMESTAMP(3),
    "lockedUntil" TIMESTAMP(3),
    "lockouts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- A user whose last membership is removed can reach nothing: their sessions are revoked in the
-- same transaction, whoever removes the membership (there is no removal path in the app yet).
-- Removal from one of several organizations needs no revocation: roles are read per request.
-- Skipped when the user row itself is being deleted (its sessions cascade away with it).
CREATE FUNCTION patchbay_revoke_sessions_without_membership() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "User" WHERE id = OLD."userId")
     AND NOT EXISTS (SELECT 1 FROM "Membership" WHERE "userId" = OLD."userId") THEN
    UPDATE "Session" SET "revokedAt" = CURRENT_TIMESTAMP, "revokedReason" = 'no_membership'
    WHERE "userId" = OLD."userId" AND "revokedAt" IS NULL;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER membership_removed_revokes_sessions
AFTER DELETE ON "Membership"
FOR EACH ROW EXECUTE FUNCTION patchbay_revoke_sessions_without_membership();
