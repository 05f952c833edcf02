/**
 * db:backup → db:restore round trip on real PostgreSQL: every table's rows come back identical,
 * the audit chain still verifies, sequences continue after the restored ids, and a restore into
 * a non-empty database is refused.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, restoreDatabase } from "../../scripts/lib/backup";
import { verifyAuditChain } from "../../scripts/audit-verify";
import { seededDatabaseUrl, scratchDatabase, withPg } from "../support/database";

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

async function fingerprint(url: string) {
  return withPg(url, async (client) => {
    const tables = (
      await client.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations' ORDER BY 1`,
      )
    ).rows.map((row) => row.table_name);
    const result: Record<string, string> = {};
    for (const table of tables) {
      const { rows } = await client.query<{ n: number; digest: string }>(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table}" t`,
      );
      result[table] = `${rows[0]!.n}:${rows[0]!.digest}`;
    }
    return result;
  });
}

describe("backup and restore", () => {
  it("brings every row back identical, with an intact audit chain and working sequences", async () => {
    const source = seededDatabaseUrl();
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "meili-backup-")), "test.backup.gz");
    const summary = await backupDatabase(source, file);
    expect(summary.rows).toBeGreaterThan(1000);
    const target = await scratchDatabase("restore");
    drops.push(target.drop);
    const restored = await restoreDatabase(target.url, file);
    expect(restored.rows).toBe(summary.rows);
    expect(await fingerprint(target.url)).toEqual(await fingerprint(source));
    expect((await verifyAuditChain(target.url)).brokenAt).toBeNull();
    const next = await withPg(target.url, async (client) => {
      const max = (await client.query<{ id: number }>(`SELECT max(id)::int AS id FROM "Unit"`)).rows[0]!.id;
      const inserted = (
        await client.query<{ id: number }>(
          `INSERT INTO "Unit" (code, "shortName", name, kind, "sortOrder") VALUES ('zz_new', '新单位', '新单位', 'PROVINCIAL', 99) RETURNING id`,
        )
      ).rows[0]!.id;
      return { max, inserted };
    });
    expect(next.inserted).toBe(next.max + 1);

    await expect(restoreDatabase(target.url, file)).rejects.toThrow(/the target database is not empty/);
  });
});
