-- Audit events are append-only: the database itself refuses UPDATE, DELETE and TRUNCATE.
-- (A superuser can still bypass triggers, e.g. with session_replication_role = replica;
-- that is what the hash chain and `verify` are for.)
CREATE OR REPLACE FUNCTION patchbay_audit_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_no_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION patchbay_audit_append_only();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION patchbay_audit_append_only();
