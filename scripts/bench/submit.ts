/**
 * Submit path benchmark: the time to validate and submit one quarterly report through the data
 * layer (zod parse, authorization by unit, transaction with figures, revision and audit row)
 * against a raw `pg` INSERT of the same report row, on a fresh database of its own.
 *
 *   npm run bench -- submit        (DATABASE_URL's server, or a throw-away embedded PostgreSQL)
 */
import pg from "pg";
import { migrateDatabase, seedDatabase } from "../lib/setup-database";
import { openTestDatabaseServer } from "../lib/test-database";
import { percentile } from "../lib/percentile";

export interface SubmitBenchResult {
  samples: number;
  submitMedianMs: number;
  submitP95Ms: number;
  rawInsertMedianMs: number;
  ratio: number;
}

export async function benchSubmit(samples = 300): Promise<SubmitBenchResult> {
  const server = await openTestDatabaseServer();
  const url = await server.createDatabase("bench_submit");
  try {
    await migrateDatabase(url);
    await seedDatabase(url, { demo: true });
    process.env.DATABASE_URL = url;
    const { findActiveSessionUser } = await import("../../lib/auth/accounts");
    const { saveReport } = await import("../../lib/reports/save-report");
    const { saveReportSchema } = await import("../../lib/reports/schemas");
    const { db } = await import("../../lib/core/db");

    const staff = await db.user.findMany({ where: { role: "STAFF" }, orderBy: { id: "asc" }, select: { id: true, unitId: true } });
    const assignments = await db.taskUnit.findMany({
      where: { task: { deadlineDate: { gte: new Date("2026-07-01") } } },
      orderBy: [{ taskId: "asc" }, { position: "asc" }],
      select: { unitId: true, taskId: true, task: { select: { number: true } } },
    });
    const userByUnit = new Map(staff.map((user) => [user.unitId, user.id]));
    const jobs = assignments.slice(0, samples + 20);

    const submitTimes: number[] = [];
    for (const [index, job] of jobs.entries()) {
      const user = (await findActiveSessionUser(userByUnit.get(job.unitId)!))!;
      const started = performance.now();
      const input = saveReportSchema.parse({
        taskNumber: String(job.task.number),
        quarter: "2026Q3",
        version: "0",
        intent: "submit",
        progressState: "ON_TRACK",
        percent: "50",
        progress: "按计划推进，本季度完成阶段性工作。",
        problems: "",
        nextSteps: "继续推进。",
      });
      await saveReport(input, user, "2026-11-25");
      if (index >= 20) submitTimes.push(performance.now() - started);
    }

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const rawTimes: number[] = [];
    for (const [index, job] of jobs.entries()) {
      const started = performance.now();
      await client.query(
        `INSERT INTO "ProgressReport" ("taskId","unitId",year,quarter,status,"progressState",percent,progress,problems,"nextSteps","updatedById","submittedAt")
         VALUES ($1,$2,2026,2,'SUBMITTED','ON_TRACK',50,$3,'',$4,$5,now())`,
        [job.taskId, job.unitId, "按计划推进，本季度完成阶段性工作。", "继续推进。", userByUnit.get(job.unitId)],
      );
      if (index >= 20) rawTimes.push(performance.now() - started);
    }
    await client.end();
    await db.$disconnect();

    const submitMedianMs = percentile(submitTimes, 50);
    const rawInsertMedianMs = percentile(rawTimes, 50);
    return {
      samples: submitTimes.length,
      submitMedianMs,
      submitP95Ms: percentile(submitTimes, 95),
      rawInsertMedianMs,
      ratio: submitMedianMs / rawInsertMedianMs,
    };
  } finally {
    await server.dropDatabase(url);
    await server.stop();
  }
}
