-- Keyed audit chain. Until now an event's hash was plain SHA-256, which anyone holding the
-- database login could recompute after rewriting rows. From now on the application writes
-- HMAC-SHA256 under a key derived from PATCHBAY_SECRET_KEY (never stored in the database).
-- Events already written keep their plain hashes and say so: they form the start of their
-- chain, and the first keyed event covers the last plain hash, so rewriting the plain part
-- still breaks the keyed part after it.
ALTER TABLE "AuditEvent" ADD COLUMN "hashScheme" TEXT NOT NULL DEFAULT 'sha256';
-- New events must name their scheme explicitly (the append path writes "hmac-sha256").
ALTER TABLE "AuditEvent" ALTER COLUMN "hashScheme" DROP DEFAULT;

-- The chain head (AuditChain) may only advance, one event at a time, onto an event that is
-- in the table: an UPDATE must raise seq by exactly one, its prevHash must be the old head's
-- hash, and an event with that chain, seq, prevHash and hash must exist (the append path
-- inserts the event and moves the head in one statement; this AFTER trigger sees both).
-- A new head (INSERT) must point at an existing event with no later event in its chain.
-- DELETE and TRUNCATE are refused.
--
-- What this does and does not stop, for someone holding the database login:
--  * A role that may write rows but does not own the tables (and is not a superuser) can no
--    longer rewind the head, point it at a forged hash, or delete it: with the append-only
--    trigger on AuditEvent, all it can do is append events, and those it cannot key.
--  * The tables' owner (the login the application itself uses) or a superuser can still
--    disable or drop these triggers and rewrite anything. That is why the hashes are keyed:
--    without PATCHBAY_SECRET_KEY rewritten events do not verify, whatever the head says.
--    What a keyed chain cannot show is events cut off its end with the head moved back (what
--    remains is a valid shorter chain) or a chain relabelled as entirely plain: a signed
--    checkpoint, exported by an owner and kept outside the database, catches both.
CREATE OR REPLACE FUNCTION patchbay_audit_head_advances() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.chain <> OLD.chain OR NEW.seq <> OLD.seq + 1 OR NEW."prevHash" <> OLD.hash) THEN
    RAISE EXCEPTION 'AuditChain head may only advance by one event: % #% → #% refused', OLD.chain, OLD.seq, NEW.seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT EXISTS (
    SELECT 1 FROM "AuditEvent" e
    WHERE e.chain = NEW.chain AND e.seq = NEW.seq AND e.hash = NEW.hash AND e."prevHash" = NEW."prevHash"
  ) THEN
    RAISE EXCEPTION 'AuditChain head must point at an inserted event: % #% has no such event', NEW.chain, NEW.seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM "AuditEvent" e WHERE e.chain = NEW.chain AND e.seq > NEW.seq) THEN
    RAISE EXCEPTION 'AuditChain head must point at the newest event: % has events after #%', NEW.chain, NEW.seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION patchbay_audit_head_kept() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditChain heads are kept: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditChain_head_advances"
  AFTER INSERT OR UPDATE ON "AuditChain"
  FOR EACH ROW EXECUTE FUNCTION patchbay_audit_head_advances();

CREATE TRIGGER "AuditChain_no_delete"
  BEFORE DELETE ON "AuditChain"
  FOR EACH ROW EXECUTE FUNCTION patchbay_audit_head_kept();

CREATE TRIGGER "AuditChain_no_truncate"
  BEFORE TRUNCATE ON "AuditChain"
  FOR EACH STATEMENT EXECUTE FUNCTION patchbay_audit_head_kept();
