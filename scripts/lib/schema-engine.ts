/**
 * Drives Prisma's WebAssembly schema engine (`@prisma/schema-engine-wasm`) from Node, because the
 * Prisma CLI insists on downloading a native engine that an offline machine cannot fetch (see
 * ../shared/notes/prisma-offline.md). Used to write new migrations and to check for drift; applying
 * migrations never needs it (scripts/lib/migrator.ts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from "@prisma/driver-adapter-utils";
import pg from "pg";
import { MIGRATIONS_DIR, readMigrations } from "./migrator";

export { MIGRATIONS_DIR };

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const EMPTY_MIGRATION = "-- This is an empty migration.";

const require = createRequire(import.meta.url);

interface SchemaEngine {
  diff(params: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
}

interface EngineBindings {
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: object) => Promise<SchemaEngine> };
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
}

let bindings: Promise<EngineBindings> | undefined;

/**
 * The package imports its `.wasm` file as an ES module, which Node 20 cannot do without a flag;
 * instantiate it by hand with the JS glue as its import object instead.
 */
function loadEngine(): Promise<EngineBindings> {
  bindings ??= (async () => {
    const glue = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as EngineBindings & WebAssembly.ModuleImports;
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
    return glue;
  })();
  return bindings;
}

/**
 * adapter-pg cannot read the catalog types `"char"` (oid 18) and `name` (oid 19) that the engine's
 * introspection queries return; present them as text. Only this tooling process is patched.
 */
function readCatalogTypesAsText(): void {
  const proto = pg.Result.prototype as unknown as {
    addFields: (this: unknown, fields: { dataTypeID: number }[]) => void;
    __catalogPatched?: boolean;
  };
  if (proto.__catalogPatched) return;
  const original = proto.addFields;
  proto.addFields = function addFields(this: unknown, fields) {
    for (const field of fields) if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    original.call(this, fields);
  };
  proto.__catalogPatched = true;
}

type PgConfig = { host: string; port: number; user: string; password: string; database: string };

/**
 * The engine's constraint query keeps every `pg_constraint` row except p/u/f, so PostgreSQL 18's
 * NOT NULL rows (contype 'n') reach code that only understands check and exclusion constraints
 * and panic (prisma/orm#29635). Ask for exactly those two, as the upstream fix
 * (prisma/prisma-engines#5819) does; nullability is read from pg_attribute anyway. Through a
 * driver adapter `contype` also arrives as text where the engine wants a character (the same
 * panic for any CHECK constraint), so that column is typed as one.
 */
const CONSTRAINT_DENYLIST = /contype NOT IN \('p', 'u', 'f'\)/g;
export function restrictConstraintQuery(sql: string): string {
  return sql.replace(CONSTRAINT_DENYLIST, "contype IN ('c', 'x')");
}

/**
 * adapter-pg's shadow database is dropped while its own pool still holds connections (the drop
 * fails and the database leaks), and its `executeScript` splits SQL on `;`, which breaks `$$`
 * function bodies. Both are fixed here without touching the package, with the PostgreSQL 18
 * constraint query above.
 */
class ShadowSafePrismaPg extends PrismaPg {
  constructor(private readonly pgConfig: PgConfig) {
    super(pgConfig);
  }

  override async connect() {
    const adapter = await super.connect();
    const client = (adapter as unknown as { client: pg.Pool }).client;
    adapter.executeScript = async (script: string) => {
      await client.query(script);
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (query) => {
      const result = await queryRaw({ ...query, sql: restrictConstraintQuery(query.sql) });
      // `contype` is a one-byte "char" that the engine reads as a character, not as text.
      const column = result.columnNames.indexOf("constraint_type");
      if (column >= 0) result.columnTypes[column] = ColumnTypeEnum.Character;
      return result;
    };
    return adapter;
  }

  override async connectToShadowDb() {
    const admin = new pg.Client(this.pgConfig);
    await admin.connect();
    const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    await admin.end();
    const factory = new ShadowSafePrismaPg({ ...this.pgConfig, database });
    const adapter = await factory.connect();
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      const dropper = new pg.Client(this.pgConfig);
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await dropper.end();
    };
    return adapter;
  }
}

/** Host, port, user… as separate fields: with a connection string the engine uses it for the shadow too. */
function pgConfigFromUrl(url: string): PgConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
  };
}

function migrationsList(dir: string) {
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: readFileOrNull(path.join(dir, "migration_lock.toml")) },
    shadowDbInitScript: "",
    migrationDirectories: readMigrations(dir).map((migration) => ({
      path: migration.name,
      migrationFile: { path: "migration.sql", content: { tag: "ok", value: migration.sql } },
    })),
  };
}

function readFileOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * SQL that takes a database built from the migrations folder to schema.prisma: EMPTY_MIGRATION when
 * they agree. The engine replays the migrations in a temporary shadow database on `url`'s server.
 */
export async function diffMigrationsToSchema(url: string, options: { migrationsDir?: string; schemaPath?: string } = {}): Promise<string> {
  readCatalogTypesAsText();
  const schemaPath = options.schemaPath ?? SCHEMA_PATH;
  const schema = readFileSync(schemaPath, "utf8");
  const { SchemaEngine } = await loadEngine();
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new ShadowSafePrismaPg(pgConfigFromUrl(url)));
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapterFactory);
  try {
    const result = await engine.diff({
      from: { tag: "migrations", ...migrationsList(options.migrationsDir ?? MIGRATIONS_DIR) },
      to: { tag: "schemaDatamodel", files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    });
    return (result.stdout ?? "").trim();
  } finally {
    engine.free();
  }
}
