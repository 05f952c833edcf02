-- AlterTable
ALTER TABLE "AuditLog" ADD COLUMN     "hash" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "prevHash" TEXT;

-- The audit log is append-only and tamper-evident, enforced by the database itself:
-- each row's hash covers the previous row's hash and the row's own fields (an advisory lock
-- orders concurrent inserts), and no row can be updated, deleted or truncated.
CREATE FUNCTION audit_row_hash(prev TEXT, entry "AuditLog") RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(
    coalesce(prev, '') || '|' || entry.id::text || '|' || to_char(entry.at, 'YYYY-MM-DD"T"HH24:MI:SS.MS') || '|' ||
    coalesce(entry."actorId"::text, '') || '|' || entry.action || '|' || entry.entity || '|' || coalesce(entry."entityId", '') || '|' ||
    coalesce(entry.before::text, '') || '|' || coalesce(entry.after::text, ''), 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('AuditLog chain'));
  SELECT hash INTO NEW."prevHash" FROM "AuditLog" ORDER BY id DESC LIMIT 1;
  NEW.hash := audit_row_hash(NEW."prevHash", NEW);
  RETURN NEW;
END
$$;

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditLog is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

-- Rows written before the chain existed are chained once, in order.
DO $$
DECLARE
  r "AuditLog";
  previous TEXT := NULL;
BEGIN
  FOR r IN SELECT * FROM "AuditLog" ORDER BY id LOOP
    UPDATE "AuditLog" SET "prevHash" = previous, hash = audit_row_hash(previous, r) WHERE id = r.id;
    previous := audit_row_hash(previous, r);
  END LOOP;
END
$$;

CREATE TRIGGER audit_chain BEFORE INSERT ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_chain_insert();
CREATE TRIGGER audit_no_update BEFORE UPDATE OR DELETE ON "AuditLog" FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON "AuditLog" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
