/**
 * `npm run db:seed [-- --demo]`: seeds the plan into an empty database; with --demo (implied on
 * the embedded default database) also the demo accounts. Never overwrites existing data.
 */
import { openDatabaseServer } from "./lib/database-server";
import { migrateDatabase, seedDatabase } from "./lib/setup-database";

const server = await openDatabaseServer({ log: console.log });
try {
  const demo = process.argv.includes("--demo") || server.embedded;
  await migrateDatabase(server.url, console.log);
  const report = await seedDatabase(server.url, { demo });
  console.log(`plan: ${report.plan}; demo accounts: ${report.demoAccounts}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server.stop();
}
