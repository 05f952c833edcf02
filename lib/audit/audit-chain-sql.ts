/**
 * The check of the audit log's hash chain (see the audit_chain migration): the first row whose
 * hash does not match its own fields, or whose previous-hash does not match the row before it
 * (an edited row, or a removed one). Plain SQL shared by the app and `npm run audit:verify`.
 */
export const AUDIT_CHAIN_CHECK_SQL = `
  SELECT id::text AS id, (SELECT count(*) FROM "AuditLog")::int AS total
  FROM (
    SELECT a.id, a.hash, a."prevHash",
           lag(a.hash) OVER (ORDER BY a.id) AS expected_prev,
           audit_row_hash(a."prevHash", a) AS expected_hash
    FROM "AuditLog" a
  ) checked
  WHERE hash <> expected_hash OR "prevHash" IS DISTINCT FROM expected_prev
  ORDER BY id
  LIMIT 1
`;

export const AUDIT_COUNT_SQL = `SELECT count(*)::int AS total FROM "AuditLog"`;
