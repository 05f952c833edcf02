/** `npm run db:migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { openDatabaseServer } from "./lib/database-server";
import { migrateDatabase } from "./lib/setup-database";

const server = await openDatabaseServer({ log: console.log });
try {
  await migrateDatabase(server.url, console.log);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server.stop();
}
