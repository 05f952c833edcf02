/**
 * 销号核查 against a real database: a unit's accepted 已完成 reads as claimed until the reviewer
 * records a check; a passed check makes the pair verified (and counted as such), a failed one
 * reopens it with the finding, in the task's status and in the day's status snapshot alike, and
 * the unit's next 已完成, once accepted, awaits a check again.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { reviewReports } from "@/lib/review/review-reports";
import { saveReport } from "@/lib/reports/save-report";
import { getTaskStatus } from "@/lib/status/task-status";
import { currentSnapshot, momentFor } from "@/lib/status/status-snapshot";
import { completionCounts, listAwaitingChecks, recordMilestoneCheck, recordTaskUnitCheck } from "@/lib/verification/checks";
import { milestoneCheckSchema, taskUnitCheckSchema } from "@/lib/verification/schemas";
import { AppError } from "@/lib/core/errors";
import { formatIsoDate } from "@/lib/core/dates";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const TODAY = "2026-11-25";
const users: Record<string, SessionUser> = {};
let tasks: { number: number; deadline: string }[] = [];
beforeAll(async () => {
  for (const username of ["pingxiang", "reviewer"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const rows = await db.task.findMany({
    where: { deadlineDate: { gte: new Date("2027-06-30") }, units: { some: { unit: { code: "pingxiang" } } } },
    orderBy: { number: "asc" },
    take: 2,
    select: { number: true, deadlineDate: true },
  });
  tasks = rows.map((row) => ({ number: row.number, deadline: formatIsoDate(row.deadlineDate) }));
  expect(tasks.length).toBe(2);
});

/** 萍乡市 reports `task` 已完成 for the quarter and the reviewer accepts it. */
async function acceptedCompletion(task: number, quarter: string) {
  const report = await saveReport(
    saveReportSchema.parse({
      taskNumber: String(task),
      quarter,
      version: "0",
      intent: "submit",
      progressState: "COMPLETED",
      percent: "100",
      progress: "已全部完成。",
    }),
    users.pingxiang!,
    TODAY,
  );
  await reviewReports(reviewSchema.parse({ reports: `${report.id}:${report.version}`, decision: "accept" }), users.reviewer!);
  return report;
}

const check = (task: number, passed: boolean, finding: string) =>
  recordTaskUnitCheck(
    taskUnitCheckSchema.parse({
      taskNumber: String(task),
      unitCode: "pingxiang",
      checkedOn: "2026-11-26",
      method: "ON_SITE",
      passed: passed ? "yes" : "no",
      finding,
    }),
    users.reviewer!,
  );

async function assessment(task: { number: number; deadline: string }) {
  const status = await getTaskStatus(task.number, task.deadline, TODAY);
  return status!.units.find((unit) => unit.code === "pingxiang")!.assessment;
}

async function snapshotStatus(task: number) {
  const snapshotId = await currentSnapshot(await momentFor());
  const [row] = await db.$queryRaw<{ status: string; reason: string }[]>`
    SELECT p.status::text, p.reason FROM "PairStatus" p JOIN "Task" t ON t.id = p."taskId" JOIN "Unit" u ON u.id = p."unitId"
    WHERE p."snapshotId" = ${snapshotId} AND t.number = ${task} AND u.code = 'pingxiang'`;
  return row!;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("销号核查 of a task unit", () => {
  it("reads 已完成（待核查） until a passed check makes it verified, counted apart by the leaders' figures", async () => {
    const task = tasks[0]!;
    const before = await completionCounts({ unitCode: "pingxiang" });
    await acceptedCompletion(task.number, "2026Q2");
    expect(await assessment(task)).toMatchObject({ status: "DONE", verified: false });
    expect(await snapshotStatus(task.number)).toMatchObject({ status: "DONE", reason: expect.stringContaining("待核查") as string });
    expect((await listAwaitingChecks(users.reviewer!)).map((item) => [item.taskNumber, item.unitCode])).toContainEqual([
      task.number,
      "pingxiang",
    ]);
    expect(await completionCounts({ unitCode: "pingxiang" })).toEqual({ verified: before.verified, claimed: before.claimed + 1 });

    await check(task.number, true, "现场查看，已建成投运");
    expect(await assessment(task)).toMatchObject({ status: "DONE", verified: true });
    // The check marked the snapshot's pair stale: the next read re-evaluates it.
    expect(await snapshotStatus(task.number)).toEqual({ status: "DONE", reason: "已完成，销号核查通过" });
    expect(await completionCounts({ unitCode: "pingxiang" })).toEqual({ verified: before.verified + 1, claimed: before.claimed });
    expect((await listAwaitingChecks(users.reviewer!)).map((item) => item.taskNumber)).not.toContain(task.number);

    const stored = await db.completionCheck.findFirstOrThrow({
      where: { task: { number: task.number }, unit: { code: "pingxiang" } },
      select: { subject: true, method: true, passed: true, finding: true, verifierId: true, checkedOn: true },
    });
    expect(stored).toEqual({
      subject: "TASK_UNIT",
      method: "ON_SITE",
      passed: true,
      finding: "现场查看，已建成投运",
      verifierId: users.reviewer!.id,
      checkedOn: new Date("2026-11-26T00:00:00Z"),
    });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "CompletionCheck" },
      orderBy: { id: "desc" },
      select: { action: true, actorId: true },
    });
    expect(audit).toEqual({ action: "check.record", actorId: users.reviewer!.id });
  });

  it("reopens the pair on a failed check, with the finding, until the unit's next 已完成 is accepted and checked", async () => {
    const task = tasks[1]!;
    await acceptedCompletion(task.number, "2026Q2");
    await snapshotStatus(task.number); // built with the pair done, before the check
    await check(task.number, false, "台账不全，未见验收材料");
    expect(await assessment(task)).toMatchObject({ status: "OVERDUE_REPORT", failedCheck: "台账不全，未见验收材料" });
    expect((await snapshotStatus(task.number)).status).not.toBe("DONE");
    const twice = await refusal(check(task.number, true, "再查"));
    expect(twice.message).toContain("已核查过");

    // The next report says 已完成 again; once accepted it awaits a new check.
    await acceptedCompletion(task.number, "2026Q3");
    expect(await assessment(task)).toMatchObject({ status: "DONE", verified: false });
    expect((await listAwaitingChecks(users.reviewer!)).map((item) => item.taskNumber)).toContain(task.number);
  });

  it("refuses a check of a pair whose latest accepted report is not 已完成, and a check by anyone but the reviewer", async () => {
    const other = await db.task.findFirstOrThrow({
      where: { units: { some: { unit: { code: "pingxiang" } } }, number: { notIn: tasks.map((task) => task.number) } },
      select: { number: true },
    });
    expect((await refusal(check(other.number, true, "无"))).message).toContain("不是已完成");
    const byStaff = recordTaskUnitCheck(
      taskUnitCheckSchema.parse({
        taskNumber: String(tasks[0]!.number),
        unitCode: "pingxiang",
        checkedOn: "2026-11-26",
        method: "DOCUMENTS",
        passed: "yes",
        finding: "自查",
      }),
      users.pingxiang!,
    );
    expect((await refusal(byStaff)).message).toBe("只有审核人可以销号核查");
    const milestone = recordMilestoneCheck(
      milestoneCheckSchema.parse({ milestoneId: "999999", checkedOn: "2026-11-26", method: "DOCUMENTS", passed: "yes", finding: "无" }),
      users.reviewer!,
    );
    expect((await refusal(milestone)).message).toBe("节点不存在");
  });
});
