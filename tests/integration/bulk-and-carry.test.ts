/**
 * 我的待办's batch work against a real database: bulk submit (all or none, revisions and audit
 * rows as a single submit writes them, idempotent on retry) and 本季度无新进展，沿用上季度 (carry the
 * last accepted text forward, marked, audited, refused when nothing was accepted before).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { saveReport } from "@/lib/reports/save-report";
import { submitReports } from "@/lib/reports/bulk-submit";
import { carryForwardReports } from "@/lib/reports/carry-forward";
import { reviewReports } from "@/lib/review/review-reports";
import { reportBatchSchema, saveReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import { getUnitTodo } from "@/lib/reports/todo";
import { UserFacingError } from "@/lib/core/errors";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const started = new Date();
// The reports this file made go again, so that files after it (the dashboard's city ranking,
// 上饶市's annual report) read the seeded data whatever order they run in.
afterAll(async () => {
  await db.progressReport.deleteMany({ where: { unit: { code: { in: [UNIT, "yingtan"] } }, createdAt: { gte: started } } });
  await db.$disconnect();
});

const TODAY = "2026-11-25";
const UNIT = "shangrao";
const users: Record<string, SessionUser> = {};
/** Tasks the unit carries whose reporting period runs to the end of 2026 at least. */
let tasks: number[] = [];

beforeAll(async () => {
  for (const username of [UNIT, "reviewer", "yingtan"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const carried = await db.taskUnit.findMany({
    where: { unit: { code: UNIT }, task: { deadlineDate: { gte: new Date("2026-12-31") } } },
    orderBy: { task: { number: "asc" } },
    select: { task: { select: { number: true } } },
  });
  tasks = carried.map(({ task }) => task.number);
  expect(tasks.length).toBeGreaterThanOrEqual(8);
});

const staff = () => users[UNIT]!;

async function draft(taskNumber: number, quarter: string, fields: Record<string, string> = {}) {
  const input = saveReportSchema.parse({
    taskNumber: String(taskNumber),
    quarter,
    version: "0",
    progressState: "ON_TRACK",
    percent: "40",
    progress: `任务 ${taskNumber} ${quarter} 的进展。`,
    problems: "资金缺口",
    nextSteps: "继续推进",
    ...fields,
  });
  return saveReport(input, staff(), TODAY);
}

const batch = (intent: "submit" | "carry", refs: string[], requestId = randomUUID()) =>
  reportBatchSchema.parse({ intent, reports: refs, requestId });

const rowsOf = (ids: number[]) =>
  db.progressReport.findMany({
    where: { id: { in: ids } },
    orderBy: { id: "asc" },
    select: { id: true, status: true, version: true, submittedAt: true, carriedFromId: true },
  });

const audited = (ids: number[], action?: string) =>
  db.auditLog.findMany({
    where: { entity: "ProgressReport", entityId: { in: ids.map(String) }, ...(action ? { action } : {}) },
    orderBy: { id: "asc" },
    select: { entityId: true, action: true, before: true, after: true },
  });

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = (await promise.catch((caught: unknown) => caught)) as UserFacingError;
  expect(error).toBeInstanceOf(UserFacingError);
  return error;
}

describe("bulk submit of ticked drafts", () => {
  it("submits three drafts at once, each with the revision and audit row of a single submit", async () => {
    const drafts = await Promise.all(tasks.slice(0, 3).map((task) => draft(task, "2026Q2")));
    const result = await submitReports(
      batch(
        "submit",
        tasks.slice(0, 3).map((task) => `${task}:2026Q2:1`),
      ),
      staff(),
      TODAY,
    );
    expect(result.reports.map((report) => report.status)).toEqual(["SUBMITTED", "SUBMITTED", "SUBMITTED"]);
    const ids = drafts.map((report) => report.id);
    const rows = await rowsOf(ids);
    expect(rows.map((row) => [row.status, row.version])).toEqual([
      ["SUBMITTED", 2],
      ["SUBMITTED", 2],
      ["SUBMITTED", 2],
    ]);
    expect(rows.every((row) => row.submittedAt !== null)).toBe(true);
    const revisions = await db.reportRevision.findMany({
      where: { reportId: { in: ids }, version: 2 },
      select: { action: true, status: true, actorId: true, snapshot: true },
    });
    expect(revisions).toHaveLength(3);
    for (const revision of revisions) {
      expect(revision).toMatchObject({ action: "report.submit", status: "SUBMITTED", actorId: staff().id });
      expect(revision.snapshot).toMatchObject({ status: "SUBMITTED", problems: "资金缺口" });
    }
    const audit = await audited(ids, "report.submit");
    expect(audit.map((entry) => entry.entityId).sort()).toEqual(ids.map(String).sort());
    expect(audit[0]!.before).toMatchObject({ status: "DRAFT" });
    expect(audit[0]!.after).toMatchObject({ status: "SUBMITTED", version: 2 });
  });

  it("submits nothing when one ticked report is stale, naming it in Chinese", async () => {
    const [a, b, c] = tasks.slice(3, 6) as [number, number, number];
    await draft(a, "2026Q2");
    await draft(b, "2026Q2");
    const third = await draft(c, "2026Q2");
    // Someone saves the third after the list was loaded.
    await saveReport(
      saveReportSchema.parse({
        taskNumber: String(c),
        quarter: "2026Q2",
        version: "1",
        progressState: "BEHIND",
        percent: "30",
        progress: "改过",
      }),
      staff(),
      TODAY,
    );
    const before = await db.auditLog.count();
    const error = await refusal(submitReports(batch("submit", [`${a}:2026Q2:1`, `${b}:2026Q2:1`, `${c}:2026Q2:1`]), staff(), TODAY));
    expect(error.message).toContain("未提交任何报告");
    expect(error.message).toContain(`任务 ${c}（2026年第二季度）`);
    expect(error.message).toContain("修改了该报告");
    const rows = await db.progressReport.findMany({
      where: { unit: { code: UNIT }, year: 2026, quarter: 2, task: { number: { in: [a, b, c] } } },
      select: { status: true },
    });
    expect(rows.map((row) => row.status)).toEqual(["DRAFT", "DRAFT", "DRAFT"]);
    expect(await db.auditLog.count()).toBe(before);
    expect(await db.reportRevision.count({ where: { reportId: third.id } })).toBe(2);
  });

  it("submits nothing when one ticked draft fails the form's checks (工作进展 empty), naming the report and the reason", async () => {
    const [a, b] = tasks.slice(3, 5) as [number, number];
    // A draft the form could not have written (an old import): its 工作进展 is empty.
    await db.progressReport.updateMany({
      where: { unit: { code: UNIT }, year: 2026, quarter: 2, task: { number: b } },
      data: { progress: "" },
    });
    const error = await refusal(submitReports(batch("submit", [`${a}:2026Q2:1`, `${b}:2026Q2:1`]), staff(), TODAY));
    expect(error.message).toMatch(new RegExp(`未提交任何报告。任务 ${b}（2026年第二季度）：请填写工作进展`));
    const statuses = await db.progressReport.findMany({
      where: { unit: { code: UNIT }, year: 2026, quarter: 2, task: { number: { in: [a, b] } } },
      select: { status: true },
    });
    expect(statuses.map((row) => row.status)).toEqual(["DRAFT", "DRAFT"]);
  });

  it("refuses reports that are not drafts, not filled in, outside the task's reporting period, or another unit's", async () => {
    const submitted = `${tasks[0]}:2026Q2:2`;
    expect((await refusal(submitReports(batch("submit", [submitted]), staff(), TODAY))).message).toContain("已提交待审核，不能再提交");
    expect((await refusal(submitReports(batch("submit", [`${tasks[6]}:2026Q1:0`]), staff(), TODAY))).message).toContain("尚未填写");
    const outside = await refusal(submitReports(batch("submit", [`${tasks[0]}:2036Q1:0`]), staff(), TODAY));
    expect(outside.message).toMatch(
      new RegExp(`^未提交任何报告。任务 ${tasks[0]}（2036年第一季度）：任务 ${tasks[0]} 的报告期为 2024Q3 至 \\d{4}Q[1-4]，不含 2036Q1$`),
    );
    // A ticked row names task and quarter; another unit's staff reach only their own unit's report.
    expect((await refusal(submitReports(batch("submit", [`${tasks[3]}:2026Q2:1`]), users.yingtan!, TODAY))).message).toContain("尚未填写");
    const theirs = await db.progressReport.findFirstOrThrow({
      where: { unit: { code: UNIT }, year: 2026, quarter: 2, task: { number: tasks[3] } },
      select: { status: true },
    });
    expect(theirs.status).toBe("DRAFT");
  });

  it("applies a retried batch once: the same key answers with what it wrote; a different batch under it is refused", async () => {
    const [a, b] = tasks.slice(6, 8) as [number, number];
    const drafts = [await draft(a, "2026Q2"), await draft(b, "2026Q2")];
    const requestId = randomUUID();
    const refs = [`${a}:2026Q2:1`, `${b}:2026Q2:1`];
    const first = await submitReports(batch("submit", refs, requestId), staff(), TODAY);
    const auditBefore = await db.auditLog.count();
    const retry = await submitReports(batch("submit", refs, requestId), staff(), TODAY);
    expect(retry).toEqual(first);
    expect(await db.auditLog.count()).toBe(auditBefore);
    const ids = drafts.map((report) => report.id);
    expect(await db.reportRevision.count({ where: { reportId: { in: ids } } })).toBe(4);
    const reused = await refusal(submitReports(batch("submit", [refs[0]!], requestId), staff(), TODAY));
    expect(reused.message).toContain("同一请求标识");
  });
});

describe("本季度无新进展，沿用上季度", () => {
  async function accepted(taskNumber: number, quarter: string, fields: Record<string, string> = {}) {
    const saved = await draft(taskNumber, quarter, {
      intent: "submit",
      progressState: "BEHIND",
      percent: "55",
      progress: `任务 ${taskNumber} 已通过的进展。`,
      problems: "用地指标紧张",
      nextSteps: "争取省级统筹",
      ...fields,
    });
    await reviewReports(reviewSchema.parse({ reports: `${saved.id}:${saved.version}`, decision: "accept" }), users.reviewer!);
    return saved;
  }

  it("creates this quarter's report from the last accepted one, marked carried, submitted, audited, without figures", async () => {
    const task = tasks[8]!;
    const source = await accepted(task, "2025Q4");
    const result = await carryForwardReports(batch("carry", [`${task}:2026Q2:0`]), staff(), TODAY);
    const [carried] = result.reports;
    expect(carried).toMatchObject({ status: "SUBMITTED", version: 1 });
    const row = await db.progressReport.findUniqueOrThrow({
      where: { id: carried!.id },
      select: {
        year: true,
        quarter: true,
        status: true,
        progressState: true,
        percent: true,
        progress: true,
        problems: true,
        nextSteps: true,
        carriedFromId: true,
        figures: { select: { id: true } },
      },
    });
    expect(row).toEqual({
      year: 2026,
      quarter: 2,
      status: "SUBMITTED",
      progressState: "BEHIND",
      percent: 55,
      progress: `任务 ${task} 已通过的进展。`,
      problems: "用地指标紧张",
      nextSteps: "争取省级统筹",
      carriedFromId: source.id,
      figures: [],
    });
    const [audit] = await audited([carried!.id]);
    expect(audit).toMatchObject({ action: "report.carry_forward", before: null });
    expect(audit!.after).toMatchObject({ status: "SUBMITTED", carriedFrom: { id: source.id, quarter: "2025Q4" } });
    const revision = await db.reportRevision.findFirstOrThrow({ where: { reportId: carried!.id }, select: { action: true } });
    expect(revision.action).toBe("report.carry_forward");
  });

  it("fills an existing draft (keeping its own figures), and the mark goes once the text is edited", async () => {
    const task = tasks[9]!;
    const source = await accepted(task, "2026Q1");
    const own = await draft(task, "2026Q2", { progress: "本单位自己写的草稿" });
    const { reports } = await carryForwardReports(batch("carry", [`${task}:2026Q2:${own.version}`]), staff(), TODAY);
    expect(reports[0]).toMatchObject({ id: own.id, status: "SUBMITTED", version: 2 });
    const row = await db.progressReport.findUniqueOrThrow({ where: { id: own.id }, select: { progress: true, carriedFromId: true } });
    expect(row).toEqual({ progress: `任务 ${task} 已通过的进展。`, carriedFromId: source.id });
    // Returned, then resubmitted unchanged: still carried; edited: the unit's own text, no mark.
    await reviewReports(reviewSchema.parse({ reports: `${own.id}:2`, decision: "return", comment: "请说明原因" }), users.reviewer!);
    const unchanged = saveReportSchema.parse({
      taskNumber: String(task),
      quarter: "2026Q2",
      version: "3",
      progressState: "BEHIND",
      percent: "55",
      progress: `任务 ${task} 已通过的进展。`,
      problems: "用地指标紧张",
      nextSteps: "争取省级统筹",
    });
    await saveReport(unchanged, staff(), TODAY);
    expect((await db.progressReport.findUniqueOrThrow({ where: { id: own.id }, select: { carriedFromId: true } })).carriedFromId).toBe(
      source.id,
    );
    await saveReport({ ...unchanged, version: 4, progress: "补充说明：本季度确无新进展，原因是……" }, staff(), TODAY);
    expect(
      (await db.progressReport.findUniqueOrThrow({ where: { id: own.id }, select: { carriedFromId: true } })).carriedFromId,
    ).toBeNull();
  });

  it("refuses, naming the report, when the unit has no earlier accepted report of the task, and carries nothing of the batch", async () => {
    const [withSource, without] = [tasks[10]!, tasks[11]!];
    await accepted(withSource, "2026Q1");
    // A submitted (not accepted) earlier report does not count.
    await draft(without, "2026Q1", { intent: "submit" });
    const before = await db.progressReport.count();
    const error = await refusal(carryForwardReports(batch("carry", [`${withSource}:2026Q2:0`, `${without}:2026Q2:0`]), staff(), TODAY));
    expect(error.message).toBe(
      `未沿用任何报告。任务 ${without}（2026年第二季度）：本单位此前没有审核通过的该任务报告，无法沿用上季度，请直接填报。`,
    );
    expect(await db.progressReport.count()).toBe(before);
  });

  it("is idempotent on retry and never carries another unit's accepted report", async () => {
    const task = tasks[10]!;
    const requestId = randomUUID();
    const first = await carryForwardReports(batch("carry", [`${task}:2026Q2:0`], requestId), staff(), TODAY);
    const retry = await carryForwardReports(batch("carry", [`${task}:2026Q2:0`], requestId), staff(), TODAY);
    expect(retry).toEqual(first);
    expect(await db.reportRevision.count({ where: { reportId: first.reports[0]!.id } })).toBe(1);
    // 鹰潭市 shares tasks with 上饶市 but has no accepted report of its own on this one.
    expect(await db.taskUnit.count({ where: { unit: { code: "yingtan" }, task: { number: task } } })).toBe(1);
    const error = await refusal(carryForwardReports(batch("carry", [`${task}:2026Q2:0`]), users.yingtan!, TODAY));
    expect(error.message).toContain("本单位此前没有审核通过的该任务报告");
  });
});

describe("我的待办 lists drafts of any quarter and filters them", () => {
  it("lists the unit's drafts of earlier quarters too, so they can be ticked and submitted", async () => {
    const todo = await getUnitTodo(staff(), {}, TODAY);
    const drafts = todo!.items
      .filter((item) => item.report?.status === "DRAFT")
      .map((item) => `${item.task.number}:${item.quarter.year}Q${item.quarter.quarter}`);
    expect(drafts).toEqual(expect.arrayContaining([`${tasks[3]}:2026Q2`, `${tasks[4]}:2026Q2`]));
  });
});
