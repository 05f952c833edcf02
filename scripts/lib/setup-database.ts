/** Migrate and seed, shared by `npm start`, the db:* scripts and the test harness. */
import { applyMigrations, MIGRATIONS_DIR, readMigrations } from "./migrator";
import { createPrismaClient } from "../../lib/core/prisma-client";
import { seedDemoAccounts, seedDemoAssessment, seedDemoMeasures, seedDemoObservations, seedPlan, type SeedReport } from "../../prisma/seed";

export async function migrateDatabase(url: string, log: (line: string) => void = () => {}) {
  const result = await applyMigrations(url, readMigrations(MIGRATIONS_DIR), log);
  log(
    result.applied.length
      ? `migrations: applied ${result.applied.length} (${result.applied.join(", ")})`
      : `migrations: up to date (${result.alreadyApplied.length} applied)`,
  );
  return result;
}

export async function seedDatabase(url: string, options: { demo: boolean }): Promise<SeedReport> {
  const db = createPrismaClient(url);
  try {
    const plan = await seedPlan(db);
    const demoAccounts = options.demo ? await seedDemoAccounts(db) : "skipped";
    if (options.demo) await seedDemoObservations(db);
    if (options.demo) await seedDemoMeasures(db);
    if (options.demo) await seedDemoAssessment(db);
    return { plan, demoAccounts };
  } finally {
    await db.$disconnect();
  }
}
