/**
 * The audit log is append-only and tamper-evident in the database itself: updates, deletes and
 * truncation are refused whoever asks, and the hash chain detects a row changed behind the
 * triggers' back (by someone able to disable them).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../scripts/audit-verify";
import { scratchDatabase, withPg } from "../support/database";
import { migrateDatabase } from "../../scripts/lib/setup-database";

let url: string;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ url, drop } = await scratchDatabase("audit"));
  await migrateDatabase(url);
  await withPg(url, async (client) => {
    for (let index = 1; index <= 5; index += 1) {
      await client.query(`INSERT INTO "AuditLog" (action, entity, "entityId", after) VALUES ('test.write', 'Test', $1, $2)`, [
        String(index),
        { value: index },
      ]);
    }
  });
});
afterAll(() => drop());

describe("the audit log", () => {
  it("chains every row to the one before and verifies", async () => {
    const rows = await withPg(url, (client) =>
      client.query<{ id: string; prevHash: string | null; hash: string }>(`SELECT id, "prevHash", hash FROM "AuditLog" ORDER BY id`),
    );
    expect(rows.rows).toHaveLength(5);
    expect(rows.rows[0]!.prevHash).toBeNull();
    for (let index = 1; index < rows.rows.length; index += 1) expect(rows.rows[index]!.prevHash).toBe(rows.rows[index - 1]!.hash);
    expect(rows.rows.every((row) => /^[0-9a-f]{64}$/.test(row.hash))).toBe(true);
    expect(await verifyAuditChain(url)).toEqual({ total: 5, brokenAt: null });
  });

  it.each([
    [`UPDATE "AuditLog" SET action = 'forged' WHERE "entityId" = '2'`],
    [`DELETE FROM "AuditLog" WHERE "entityId" = '3'`],
    [`TRUNCATE "AuditLog"`],
  ])("refuses %s", async (sql) => {
    await expect(withPg(url, (client) => client.query(sql))).rejects.toThrow(/AuditLog is append-only/);
    expect((await withPg(url, (client) => client.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditLog"`))).rows[0]!.n).toBe(5);
  });

  it("detects a row changed by someone who disabled the triggers, and a removed row", async () => {
    await withPg(url, async (client) => {
      await client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER audit_no_update`);
      await client.query(`UPDATE "AuditLog" SET after = '{"value": 99}' WHERE "entityId" = '3'`);
      await client.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER audit_no_update`);
    });
    const tampered = await withPg(url, (client) => client.query<{ id: string }>(`SELECT id::text FROM "AuditLog" WHERE "entityId" = '3'`));
    expect(await verifyAuditChain(url)).toEqual({ total: 5, brokenAt: tampered.rows[0]!.id });

    await withPg(url, async (client) => {
      await client.query(`ALTER TABLE "AuditLog" DISABLE TRIGGER audit_no_update`);
      await client.query(`UPDATE "AuditLog" SET after = '{"value": 3}' WHERE "entityId" = '3'`);
      await client.query(`DELETE FROM "AuditLog" WHERE "entityId" = '4'`);
      await client.query(`ALTER TABLE "AuditLog" ENABLE TRIGGER audit_no_update`);
    });
    const next = await withPg(url, (client) => client.query<{ id: string }>(`SELECT id::text FROM "AuditLog" WHERE "entityId" = '5'`));
    expect(await verifyAuditChain(url)).toEqual({ total: 4, brokenAt: next.rows[0]!.id });
  });
});
