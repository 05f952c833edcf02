/**
 * The benchmark database: `meili_bench` on DATABASE_URL's server, or on the project's embedded
 * PostgreSQL (started if needed). Separate from the app's own database, never dropped by tests.
 */
import pg from "pg";
import { openDatabaseServer, type DatabaseServer } from "../lib/database-server";
import { withDatabase } from "../lib/test-database";

export const BENCH_DATABASE = "meili_bench";

export async function openBenchDatabase(database = BENCH_DATABASE): Promise<DatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (!configured) return openDatabaseServer({ database });
  const url = withDatabase(configured, database);
  const admin = new pg.Client({ connectionString: withDatabase(configured, "postgres") });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (!rowCount) await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  return { url, embedded: false, stop: async () => {} };
}
