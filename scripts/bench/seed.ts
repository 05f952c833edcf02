/**
 * `npm run bench:seed`: ten years of synthetic quarterly reports into the separate `meili_bench`
 * database, for measuring the dashboard at volume. The load shape is every unit on every task
 * (47 × 60 assignments, the worst case) over the 44 quarters from 2024Q3 to 2035Q2: 124,080
 * reports, mostly accepted, with figures for the tasks' indicators. Idempotent: a database that
 * already holds them is left as it is.
 */
import pg from "pg";
import { migrateDatabase, seedDatabase } from "../lib/setup-database";
import { openBenchDatabase } from "./bench-database";
import { countRows } from "../lib/count-rows";

export const BENCH_QUARTERS = 44;

/**
 * `provinces`: 1 for Jiangxi (124,080 reports in `meili_bench`); 31 for national scale
 * (`meili_bench_national`: 30 more synthetic copies of the 47 units, about 3.8 million reports).
 */
export async function seedBenchDatabase(
  log: (line: string) => void = console.log,
  provinces = 1,
): Promise<{ url: string; reports: number; stop: () => Promise<void> }> {
  const server = await openBenchDatabase(provinces === 1 ? "meili_bench" : "meili_bench_national");
  await migrateDatabase(server.url);
  await seedDatabase(server.url, { demo: true });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const existing = await countRows(client, `SELECT count(*) FROM "ProgressReport"`);
    if (existing >= 100_000 * provinces) {
      log(`bench database already holds ${existing} reports`);
      return { url: server.url, reports: existing, stop: () => server.stop() };
    }
    const started = Date.now();
    await client.query("BEGIN");
    if (provinces > 1) {
      // Synthetic units of the other provinces, each with a staff account (password unusable).
      await client.query(`
        INSERT INTO "Unit" (code, "shortName", name, kind, "sortOrder")
        SELECT u.code || '_p' || p, u."shortName" || '（省' || p || '）', u.name || '（省' || p || '）', u.kind, u."sortOrder" + 100 * p
        FROM "Unit" u CROSS JOIN generate_series(2, ${provinces}) AS p
        WHERE u.code NOT LIKE '%\\_p%'
        ON CONFLICT DO NOTHING
      `);
      await client.query(`
        INSERT INTO "User" (username, "displayName", "passwordHash", role, "unitId", "updatedAt")
        SELECT 'bench_' || u.code, u."shortName", 'not-a-password-hash', 'STAFF', u.id, now()
        FROM "Unit" u WHERE NOT EXISTS (SELECT 1 FROM "User" s WHERE s."unitId" = u.id AND s.role = 'STAFF')
      `);
    }
    // Every unit carries every task in the load shape; the document's own assignments stay first.
    await client.query(`
      INSERT INTO "TaskUnit" ("taskId", "unitId", position)
      SELECT t.id, u.id, 1000 + u."sortOrder"
      FROM "Task" t CROSS JOIN "Unit" u
      WHERE NOT EXISTS (SELECT 1 FROM "TaskUnit" tu WHERE tu."taskId" = t.id AND tu."unitId" = u.id)
    `);
    await client.query(`
      INSERT INTO "ProgressReport" ("taskId", "unitId", year, quarter, status, "progressState", percent, progress, problems, "nextSteps",
                                    version, "updatedById", "createdAt", "updatedAt", "submittedAt", "reviewedById", "reviewedAt")
      SELECT tu."taskId", tu."unitId", q.year, q.quarter,
             (CASE WHEN h % 20 = 0 THEN 'DRAFT' WHEN h % 20 = 1 THEN 'SUBMITTED' WHEN h % 20 = 2 THEN 'RETURNED' ELSE 'ACCEPTED' END)::"ReportStatus",
             (CASE WHEN q.n = ${BENCH_QUARTERS - 1} AND h % 3 = 0 THEN 'COMPLETED' WHEN h % 7 = 0 THEN 'BEHIND' ELSE 'ON_TRACK' END)::"ProgressState",
             LEAST(100, (q.n * 100 / ${BENCH_QUARTERS - 1}) + (h % 5)),
             '按计划推进，本季度完成阶段性工作（合成数据）。', '', '继续推进。',
             1, staff.id, q.ends, q.ends,
             CASE WHEN h % 20 = 0 THEN NULL ELSE q.ends + interval '5 days' END,
             CASE WHEN h % 20 >= 2 THEN reviewer.id END,
             CASE WHEN h % 20 >= 2 THEN q.ends + interval '9 days' END
      FROM "TaskUnit" tu
      JOIN "User" staff ON staff."unitId" = tu."unitId" AND staff.role = 'STAFF'
      CROSS JOIN (SELECT id FROM "User" WHERE username = 'reviewer') reviewer
      CROSS JOIN LATERAL (
        SELECT n, 2024 + (2 + n) / 4 AS year, (2 + n) % 4 + 1 AS quarter,
               (make_date(2024 + (2 + n) / 4, ((2 + n) % 4) * 3 + 1, 1) + interval '3 months' - interval '1 day')::timestamp AS ends
        FROM generate_series(0, ${BENCH_QUARTERS - 1}) AS n
      ) q
      CROSS JOIN LATERAL (SELECT abs(hashtext(tu."taskId" || ':' || tu."unitId" || ':' || q.n)) AS h) hash
      ON CONFLICT DO NOTHING
    `);
    await client.query(`
      INSERT INTO "ReportFigure" ("reportId", "indicatorId", value, period, note)
      SELECT r.id, it."indicatorId", 10 + (r.id % 90), r.year::text, '合成数据'
      FROM "ProgressReport" r JOIN "IndicatorTask" it ON it."taskId" = r."taskId"
      ON CONFLICT DO NOTHING
    `);
    await client.query("COMMIT");
    await client.query(`ANALYZE`);
    const reports = await countRows(client, `SELECT count(*) FROM "ProgressReport"`);
    log(`bench database: ${reports} reports in ${Math.round((Date.now() - started) / 1000)} s`);
    return { url: server.url, reports, stop: () => server.stop() };
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { stop } = await seedBenchDatabase();
  await stop();
  process.exit(0);
}
