/**
 * `npm run audit:verify`: checks the audit log's hash chain on DATABASE_URL (or the embedded
 * database). Exit 0 and the number of rows when intact; exit 1 naming the first broken row.
 */
import pg from "pg";
import { AUDIT_CHAIN_CHECK_SQL, AUDIT_COUNT_SQL } from "../lib/audit/audit-chain-sql";
import { openDatabaseServer } from "./lib/database-server";

export async function verifyAuditChain(url: string): Promise<{ total: number; brokenAt: string | null }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const total = (await client.query<{ total: number }>(AUDIT_COUNT_SQL)).rows[0]!.total;
    const broken = (await client.query<{ id: string }>(AUDIT_CHAIN_CHECK_SQL)).rows[0];
    return { total, brokenAt: broken?.id ?? null };
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await openDatabaseServer();
  const result = await verifyAuditChain(server.url);
  await server.stop();
  if (result.brokenAt) {
    console.error(`audit log TAMPERED: the chain breaks at row ${result.brokenAt} (of ${result.total})`);
    process.exit(1);
  }
  console.log(`audit log intact: ${result.total} rows, hash chain verified`);
  process.exit(0);
}
