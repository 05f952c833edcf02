/**
 * Backup and restore with PostgreSQL's own COPY protocol, so they work the same on the embedded
 * server (whose package ships no pg_dump) and on any server, whatever the client tools installed.
 *
 * A backup is one gzip file: a header naming the format and the migrations the data belongs to,
 * then every application table in COPY text format, all read in one REPEATABLE READ snapshot.
 * Restore needs an empty database: it applies the same migrations, loads every table in one
 * transaction with triggers and foreign-key checks deferred to the end (session_replication_role
 * = replica, so audit rows keep their original hash chain), and moves sequences past the data.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { once } from "node:events";
import { Readable } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrations, readMigrations, MIGRATIONS_DIR } from "./migrator";
import { countRows } from "./count-rows";

const FORMAT = "meili-backup 1";
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function applicationTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
     ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

export interface BackupSummary {
  tables: number;
  rows: number;
  migrations: string[];
}

export async function backupDatabase(url: string, file: string): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const gzip = createGzip();
  const written = pipeline(gzip, createWriteStream(file));
  let rows = 0;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const migrations = (
      await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
      )
    ).rows.map((row) => row.migration_name);
    const tables = await applicationTables(client);
    gzip.write(`${FORMAT}\nmigrations ${migrations.join(",")}\n`);
    for (const table of tables) {
      const count = await countRows(client, `SELECT count(*) FROM ${quote(table)}`);
      rows += count;
      gzip.write(`table ${table} ${count}\n`);
      // Chunks in order, waiting for the compressor when it is full.
      for await (const chunk of client.query(copyTo(`COPY ${quote(table)} TO STDOUT`))) {
        if (!gzip.write(chunk)) await once(gzip, "drain");
      }
      gzip.write("\\.\n");
    }
    await client.query("COMMIT");
    gzip.end();
    await written;
    return { tables: tables.length, rows, migrations };
  } catch (error) {
    gzip.destroy();
    throw error;
  } finally {
    await client.end();
  }
}

export async function restoreDatabase(url: string, file: string): Promise<BackupSummary> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const next = async (): Promise<string | null> => {
    const line: IteratorResult<string> = await lines.next();
    return line.done ? null : line.value;
  };
  if ((await next()) !== FORMAT) throw new Error(`${file} is not a backup of this application`);
  const migrationsLine = (await next()) ?? "";
  const migrations = migrationsLine
    .replace(/^migrations /, "")
    .split(",")
    .filter(Boolean);
  const known = new Set(readMigrations(MIGRATIONS_DIR).map((migration) => migration.name));
  const unknown = migrations.filter((name) => !known.has(name));
  if (unknown.length)
    throw new Error(`the backup comes from a newer version of the application (migrations ${unknown.join(", ")}); update the code first`);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const existing = await applicationTables(client);
    for (const table of existing) {
      if ((await countRows(client, `SELECT count(*) FROM ${quote(table)}`)) > 0) {
        throw new Error(`the target database is not empty (table ${table} has rows): restore only into a new, empty database`);
      }
    }
    await applyMigrations(
      url,
      readMigrations(MIGRATIONS_DIR).filter((migration) => migrations.includes(migration.name)),
    );
    await client.query("BEGIN");
    await client.query("SET LOCAL session_replication_role = replica");
    let tables = 0;
    let rows = 0;
    for (let line = await next(); line !== null; line = await next()) {
      const match = /^table (\S+) (\d+)$/.exec(line);
      if (!match) throw new Error(`unexpected line in backup: ${line.slice(0, 80)}`);
      const [, table, count] = match;
      const data = new Readable({ read() {} });
      const load = pipeline(data, client.query(copyFrom(`COPY ${quote(table!)} FROM STDIN`)));
      for (let row = await next(); row !== "\\."; row = await next()) {
        if (row === null) throw new Error(`backup ends inside table ${table}`);
        data.push(`${row}\n`);
      }
      data.push(null);
      await load;
      tables += 1;
      rows += Number(count);
    }
    // Sequences move past the restored ids.
    const sequences = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
    );
    for (const { table_name: table, column_name: column } of sequences.rows) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(column)}) FROM ${quote(table)}), 0) + 1, false)`,
        [quote(table), column],
      );
    }
    await client.query("COMMIT");
    return { tables, rows, migrations };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
