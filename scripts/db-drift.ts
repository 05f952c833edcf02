/** `npm run db:drift`: fails when schema.prisma and prisma/migrations disagree (also run by the test suite). */
import { openDatabaseServer } from "./lib/database-server";
import { diffMigrationsToSchema, EMPTY_MIGRATION } from "./lib/schema-engine";

const server = await openDatabaseServer();
try {
  const sql = await diffMigrationsToSchema(server.url);
  if (sql === EMPTY_MIGRATION || sql === "") {
    console.log("no drift: the migrations produce exactly schema.prisma");
  } else {
    console.error("schema.prisma differs from the migrations; run `npm run db:new-migration -- <name>`:\n" + sql);
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
process.exit(process.exitCode ?? 0);
