/**
 * `npm run db:restore -- <file>`: restores a backup into DATABASE_URL (or the embedded database),
 * which must be empty: create a new database (or move .data/postgres aside) first.
 */
import path from "node:path";
import { restoreDatabase } from "./lib/backup";
import { openDatabaseServer } from "./lib/database-server";

const file = process.argv[2];
if (!file) {
  console.error("usage: npm run db:restore -- <backup file>");
  process.exit(2);
}
const server = await openDatabaseServer();
try {
  const summary = await restoreDatabase(server.url, path.resolve(file));
  console.log(`restored ${summary.tables} tables, ${summary.rows} rows`);
} catch (error) {
  console.error(`restore refused: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await server.stop();
}
process.exit(process.exitCode ?? 0);
