/**
 * `npm run db:backup [-- file]`: a consistent backup of DATABASE_URL (or the embedded database)
 * into one gzip file (default .data/backups/meili-<time>.backup.gz). See scripts/lib/backup.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { backupDatabase } from "./lib/backup";
import { openDatabaseServer } from "./lib/database-server";

const file = path.resolve(process.argv[2] ?? `.data/backups/meili-${new Date().toISOString().replace(/[:.]/g, "-")}.backup.gz`);
mkdirSync(path.dirname(file), { recursive: true });
const server = await openDatabaseServer();
try {
  const summary = await backupDatabase(server.url, file);
  console.log(`backup written: ${file} (${summary.tables} tables, ${summary.rows} rows, ${summary.migrations.length} migrations)`);
} finally {
  await server.stop();
}
process.exit(0);
