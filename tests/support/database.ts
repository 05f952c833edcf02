/** Helpers for integration tests: the run's seeded database and scratch databases of their own. */
import { inject } from "vitest";
import pg from "pg";
import { createPrismaClient } from "@/lib/core/prisma-client";
import { migrateDatabase, seedDatabase } from "../../scripts/lib/setup-database";
import { assertTestDatabase, withDatabase, TEST_DATABASE_PREFIX } from "../../scripts/lib/test-database";

/** The migrated, seeded database of this run (see integration-global-setup.ts). */
export function seededDatabaseUrl(): string {
  const url = inject("databaseUrl");
  assertTestDatabase(url);
  return url;
}

export function seededPrisma() {
  return createPrismaClient(seededDatabaseUrl());
}

export async function withPg<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** An empty database on the run's server, dropped by the returned function. */
export async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const serverUrl = inject("serverUrl");
  const name = `${TEST_DATABASE_PREFIX}${label}_${Math.random().toString(36).slice(2, 10)}`;
  await withPg(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = withDatabase(serverUrl, name);
  return {
    url,
    drop: () => withPg(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}

/**
 * A database of its own, migrated and seeded like a fresh `npm start`, for tests that check the
 * seed exactly and must not see what other test files wrote into the shared one.
 */
export async function freshSeededDatabase(label: string) {
  const database = await scratchDatabase(label);
  await migrateDatabase(database.url);
  await seedDatabase(database.url, { demo: true });
  const prisma = createPrismaClient(database.url);
  return {
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}
