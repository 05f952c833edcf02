/**
 * Prisma's schema engine, run from its WebAssembly build with a `pg` driver adapter.
 *
 * Prisma's CLI insists on downloading a native engine, which an offline machine cannot do
 * (see docs/prisma-offline.md). The WebAssembly engine computes exactly what
 * `prisma migrate diff --from-migrations … --to-schema-datamodel … --script` would: the SQL that
 * takes a database built from our migrations to the state schema.prisma describes. It replays the
 * migrations in a temporary "shadow" database on the given server.
 */
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { createRequire } from "node:module";
import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { MigrationList, SchemaEngine as SchemaEngineType } from "@prisma/schema-engine-wasm";

export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
export const EMPTY_MIGRATION = "-- This is an empty migration.";

// adapter-pg cannot map the catalog type "char" (oid 18) that the engine's introspection reads;
// for this tool only, report such columns as text so their values arrive as plain strings.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
function patchCatalogCharColumns(): void {
  const resultProto = (pg as unknown as { Result?: { prototype: { addFields(fields: { dataTypeID: number }[]): void } } })
    .Result?.prototype;
  if (!resultProto || (resultProto as { __charPatched?: boolean }).__charPatched) return;
  const addFields = resultProto.addFields;
  resultProto.addFields = function (fields) {
    for (const field of fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    return addFields.call(this, fields);
  };
  (resultProto as { __charPatched?: boolean }).__charPatched = true;
}

/**
 * adapter-pg drops the shadow database while its own pool still holds a connection to it, which
 * PostgreSQL refuses ("is being accessed by other users"); close the pool first, then drop.
 */
class ShadowSafePrismaPg extends PrismaPg {
  override async connectToShadowDb(): ReturnType<PrismaPg["connectToShadowDb"]> {
    const shadow = await super.connectToShadowDb();
    const internals = shadow as unknown as { client: pg.Pool; release?: () => Promise<void> };
    const database = String(internals.client.options.database);
    const serverConfig = this.config;
    internals.release = async () => {
      await internals.client.end();
      const admin = new pg.Client(serverConfig);
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}"`);
      } finally {
        await admin.end();
      }
    };
    return shadow;
  }
}

// The package is built for bundlers (it imports the .wasm file as a module); Node needs the
// module instantiated by hand and handed to the JS glue.
let engineClass: typeof SchemaEngineType | undefined;
async function loadSchemaEngine(): Promise<typeof SchemaEngineType> {
  if (engineClass) return engineClass;
  const require = createRequire(import.meta.url);
  const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
  const glue = engineGlue as unknown as Record<string, unknown> & { __wbg_set_wasm(exports: unknown): void };
  const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), { "./schema_engine_bg.js": glue } as WebAssembly.Imports);
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start?: () => void }).__wbindgen_start?.();
  engineClass = (engineGlue as unknown as { SchemaEngine: typeof SchemaEngineType }).SchemaEngine;
  return engineClass;
}

function loadMigrationList(): MigrationList {
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  const dirs = existsSync(MIGRATIONS_DIR)
    ? readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8") },
      },
    })),
  } as MigrationList;
}

/** SQL that brings a database built from prisma/migrations to schema.prisma; EMPTY_MIGRATION when they agree. */
export async function diffMigrationsToSchema(databaseUrl: string): Promise<string> {
  patchCatalogCharColumns();
  const url = new URL(databaseUrl);
  // Separate fields, not a connection string: with a string the engine would treat the main
  // database as its shadow database.
  const adapter = new ShadowSafePrismaPg({
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  });
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const logs: string[] = [];
  const SchemaEngine = await loadSchemaEngine();
  const engine = await SchemaEngine.new(
    { datamodels: [[SCHEMA_PATH, schema]] },
    (line: string) => logs.push(line),
    bindMigrationAwareSqlAdapterFactory(adapter),
  );
  const result = await engine.diff({
    from: { tag: "migrations", ...loadMigrationList() },
    to: { tag: "schemaDatamodel", files: [{ path: SCHEMA_PATH, content: schema }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  return (result.stdout ?? "").trim();
}
