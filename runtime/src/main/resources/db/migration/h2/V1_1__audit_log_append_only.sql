-- The audit log is append-only: refuse UPDATE and DELETE at the database level.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW CALL 'com.personaruntime.runtime.storage.H2AppendOnlyTrigger';
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW CALL 'com.personaruntime.runtime.storage.H2AppendOnlyTrigger';
