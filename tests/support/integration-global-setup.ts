/**
 * One migrated, seeded `meili_test_*` database per integration run (dropped afterwards), on the
 * server the harness names in TEST_PG_SERVER_URL, on DATABASE_URL's server, or on a throw-away
 * embedded PostgreSQL when neither is set (so `npx vitest --project integration` works alone).
 */
import type { TestProject } from "vitest/node";
import { migrateDatabase, seedDatabase } from "../../scripts/lib/setup-database";
import { openTestDatabaseServer } from "../../scripts/lib/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await openTestDatabaseServer();
  const url = await server.createDatabase("integration");
  await migrateDatabase(url);
  await seedDatabase(url, { demo: true });
  project.provide("databaseUrl", url);
  project.provide("serverUrl", server.urlFor("postgres"));
  return async () => {
    await server.dropDatabase(url);
    await server.stop();
  };
}
