/**
 * Applies prisma/migrations with plain `pg`, the way `prisma migrate deploy` does, so no Prisma
 * engine is needed (see ../shared/notes/prisma-offline.md). A database migrated here is accepted by Prisma's
 * own engine: same advisory lock, same `_prisma_migrations` table, same checksums.
 */
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/** Prisma's migrations folder; the one source of truth for the schema's history. */
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");

/** The lock key `prisma migrate` takes, so our runner and Prisma's never run at the same time. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
  /** Applied migrations whose file changed since: reported, never re-run. */
  editedAfterApply: string[];
}

export class MigrationError extends Error {}

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
}

export async function applyMigrations(
  databaseUrl: string,
  migrations: MigrationFile[],
  log: (line: string) => void = () => {},
): Promise<MigrateResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      return await applyUnderLock(client, migrations, log);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyUnderLock(client: pg.Client, migrations: MigrationFile[], log: (line: string) => void): Promise<MigrateResult> {
  await client.query(CREATE_MIGRATIONS_TABLE);
  const { rows } = await client.query<AppliedRow>(
    `SELECT migration_name, checksum, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at`,
  );
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    throw new MigrationError(
      `Migration ${failed.migration_name} failed earlier and is recorded as failed; ` +
        `fix the database by hand, then mark it rolled back (UPDATE "_prisma_migrations" SET rolled_back_at = now() ` +
        `WHERE migration_name = '${failed.migration_name}') before migrating again.\n${failed.logs ?? ""}`,
    );
  }
  const applied = new Map(
    rows.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => [row.migration_name, row]),
  );
  const result: MigrateResult = { applied: [], alreadyApplied: [], editedAfterApply: [] };
  for (const migration of migrations) {
    const previous = applied.get(migration.name);
    if (previous) {
      result.alreadyApplied.push(migration.name);
      if (previous.checksum !== migration.checksum) {
        result.editedAfterApply.push(migration.name);
        log(`warning: ${migration.name} was edited after it was applied (checksum differs); it is not re-run`);
      }
      continue;
    }
    await applyOne(client, migration);
    result.applied.push(migration.name);
    log(`applied ${migration.name}`);
  }
  return result;
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  // The bookkeeping row is written outside the migration's transaction so that a failure stays
  // recorded (Prisma does the same) and blocks later runs until someone looks at it.
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query("BEGIN");
    // One multi-statement query: the file runs exactly as written, `$$` bodies included.
    await client.query(migration.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await client.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${message}`);
  }
}
