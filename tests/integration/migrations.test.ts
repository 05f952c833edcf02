import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, cpSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { applyMigrations, MigrationError, MIGRATIONS_DIR, readMigrations } from "../../scripts/lib/migrator";
import { diffMigrationsToSchema, EMPTY_MIGRATION, SCHEMA_PATH } from "../../scripts/lib/schema-engine";
import { scratchDatabase, withPg } from "../support/database";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshDatabase(label: string): Promise<string> {
  const database = await scratchDatabase(label);
  cleanups.push(database.drop);
  return database.url;
}

function tempMigrationsDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "meili-migrations-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

describe("migration runner", () => {
  it("builds the whole schema on an empty database and records Prisma-compatible rows", async () => {
    const url = await freshDatabase("migrate_empty");
    const migrations = readMigrations(MIGRATIONS_DIR);
    const result = await applyMigrations(url, migrations);
    expect(result.applied).toEqual(migrations.map((migration) => migration.name));

    await withPg(url, async (client) => {
      const tables = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.rows.map((row) => row.table_name)).toEqual(
        expect.arrayContaining([
          "Section",
          "Task",
          "Unit",
          "TaskUnit",
          "Indicator",
          "IndicatorTarget",
          "User",
          "AuditLog",
          "_prisma_migrations",
        ]),
      );
      const rows = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      expect(rows.rows).toHaveLength(migrations.length);
      for (const [index, row] of rows.rows.entries()) {
        expect(row.checksum).toBe(migrations[index]!.checksum);
        expect(row.finished_at).toBeInstanceOf(Date);
        expect(row.applied_steps_count).toBe(1);
      }
    });
  });

  it("applies nothing the second time", async () => {
    const url = await freshDatabase("migrate_twice");
    await applyMigrations(url, readMigrations(MIGRATIONS_DIR));
    const again = await applyMigrations(url, readMigrations(MIGRATIONS_DIR));
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toHaveLength(readMigrations(MIGRATIONS_DIR).length);
  });

  it("rolls a failing migration back whole and refuses to continue until someone resolves it", async () => {
    const url = await freshDatabase("migrate_fail");
    const dir = tempMigrationsDir();
    addMigration(dir, "29990101000000_broken", `CREATE TABLE "half_done" (id int);\nSELECT no_such_function();`);
    addMigration(dir, "29990102000000_after", `CREATE TABLE "after_broken" (id int);`);

    await expect(applyMigrations(url, readMigrations(dir))).rejects.toThrow(MigrationError);
    await withPg(url, async (client) => {
      const halfDone = await client.query("SELECT to_regclass('public.half_done') AS t, to_regclass('public.after_broken') AS a");
      expect(halfDone.rows[0]).toEqual({ t: null, a: null });
      const failed = await client.query<{ logs: string | null }>(
        `SELECT logs FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken' AND finished_at IS NULL`,
      );
      expect(failed.rows[0]?.logs).toMatch(/no_such_function/);
    });
    await expect(applyMigrations(url, readMigrations(dir))).rejects.toThrow(/failed earlier/);

    // Once the failure is marked rolled back and the file fixed, migration resumes.
    await withPg(url, (client) =>
      client.query(`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '29990101000000_broken'`),
    );
    writeFileSync(path.join(dir, "29990101000000_broken", "migration.sql"), `CREATE TABLE "half_done" (id int);`);
    const resumed = await applyMigrations(url, readMigrations(dir));
    expect(resumed.applied).toEqual(["29990101000000_broken", "29990102000000_after"]);
  });

  it("runs a file with a $$ function body as written", async () => {
    const url = await freshDatabase("migrate_dollar");
    const dir = tempMigrationsDir();
    addMigration(
      dir,
      "29990101000000_function",
      `CREATE FUNCTION meili_answer() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 42; END; $$;`,
    );
    await applyMigrations(url, readMigrations(dir));
    const answer = await withPg(url, (client) => client.query("SELECT meili_answer() AS answer"));
    expect(answer.rows[0]).toEqual({ answer: 42 });
  });

  it("warns, without re-running, when an applied migration file was edited", async () => {
    const url = await freshDatabase("migrate_edited");
    const dir = tempMigrationsDir();
    addMigration(dir, "29990101000000_extra", `CREATE TABLE "extra" (id int);`);
    await applyMigrations(url, readMigrations(dir));
    writeFileSync(path.join(dir, "29990101000000_extra", "migration.sql"), `CREATE TABLE "extra" (id bigint);`);
    const lines: string[] = [];
    const result = await applyMigrations(url, readMigrations(dir), (line) => lines.push(line));
    expect(result.editedAfterApply).toEqual(["29990101000000_extra"]);
    expect(lines.join("\n")).toMatch(/edited after it was applied/);
  });

  it("lets only one runner migrate at a time", async () => {
    const url = await freshDatabase("migrate_concurrent");
    const migrations = readMigrations(MIGRATIONS_DIR);
    const [first, second] = await Promise.all([applyMigrations(url, migrations), applyMigrations(url, migrations)]);
    expect([...first.applied, ...second.applied].sort()).toEqual(migrations.map((migration) => migration.name));
  });
});

describe("drift check", () => {
  it("finds no difference between schema.prisma and the migrations", async () => {
    const url = await freshDatabase("drift_none");
    expect(await diffMigrationsToSchema(url)).toBe(EMPTY_MIGRATION);
  });

  it("reports the SQL a schema change still needs", async () => {
    const url = await freshDatabase("drift_some");
    const dir = mkdtempSync(path.join(os.tmpdir(), "meili-schema-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const changed = readFileSync(SCHEMA_PATH, "utf8").replace("model Section {\n", "model Section {\n  shortTitle String?\n");
    const schemaPath = path.join(dir, "schema.prisma");
    writeFileSync(schemaPath, changed);
    const sql = await diffMigrationsToSchema(url, { schemaPath });
    expect(sql).toMatch(/ALTER TABLE "Section" ADD COLUMN\s+"shortTitle" TEXT/);
  });
});
