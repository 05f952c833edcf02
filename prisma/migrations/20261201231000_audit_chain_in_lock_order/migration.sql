-- Audit rows take their id under the chain's lock, so ids follow the order the rows were chained
-- in. Before, the id came from the column default, drawn before the trigger waited for the lock:
-- two transactions writing audit rows at the same moment (parallel sign-ins) could chain in the
-- other order than their ids, and the check, which follows ids, then reported a broken chain
-- though nothing had been touched. The lock is held to the end of the transaction, so the row
-- before is always committed (or rolled back, leaving only a gap in the ids).
CREATE OR REPLACE FUNCTION audit_chain_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('AuditLog chain'));
  NEW.id := nextval(pg_get_serial_sequence('"AuditLog"', 'id'));
  SELECT hash INTO NEW."prevHash" FROM "AuditLog" ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_row_hash(NEW."prevHash", NEW);
  RETURN NEW;
END
$$;
