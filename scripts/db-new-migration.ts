/**
 * `npm run db:new-migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that takes the existing migrations to schema.prisma (what
 * `prisma migrate dev --create-only` would write). Review the file, then `npm run db:migrate`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabaseServer } from "./lib/database-server";
import { diffMigrationsToSchema, EMPTY_MIGRATION, MIGRATIONS_DIR } from "./lib/schema-engine";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:new-migration -- <name_in_snake_case>");
  process.exit(2);
}

const server = await openDatabaseServer();
try {
  const sql = await diffMigrationsToSchema(server.url);
  if (sql === EMPTY_MIGRATION || sql === "") {
    console.log("schema.prisma and the migrations already agree: nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await server.stop();
}
// The WebAssembly engine keeps a timer alive for a while after its work; nothing is pending here.
process.exit(process.exitCode ?? 0);
