/**
 * Milestones (节点) in quarterly reports against a real database (最多报一次): the report form
 * lists the milestones of the unit's accepted measure list that fall in the quarter or before and
 * are not done; the server refuses wrong entries in Chinese, changing nothing; a submitted report
 * writes its entries onto the milestones (audited), a returned one rewrites them, an accepted one
 * is locked; bulk submit and 沿用上季度 neither lose nor invent entries; 销号核查 of a milestone
 * verifies it or reopens it with the finding.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError } from "@/lib/core/errors";
import { parseQuarter } from "@/lib/core/quarters";
import { measureListInputSchema, measureReviewSchema } from "@/lib/measures/schemas";
import { saveMeasureList } from "@/lib/measures/save-measure-list";
import { reviewMeasureList } from "@/lib/measures/review-measure-list";
import { getReportForm } from "@/lib/reports/read-reports";
import { requestHashOf, saveReport } from "@/lib/reports/save-report";
import { submitReports } from "@/lib/reports/bulk-submit";
import { carryForwardReports } from "@/lib/reports/carry-forward";
import { reportBatchSchema, saveReportSchema } from "@/lib/reports/schemas";
import { reviewReports } from "@/lib/review/review-reports";
import { reviewSchema } from "@/lib/review/schemas";
import { listAwaitingMilestoneChecks, recordMilestoneCheck, reopenedFindings } from "@/lib/verification/checks";
import { milestoneCheckSchema } from "@/lib/verification/schemas";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
// Its reports and lists for 景德镇市 go again, so that the dashboard's city ranking after it reads the seeded data.
afterAll(async () => {
  const ours = { task: { number: { in: tasks } }, unit: { code: UNIT } };
  await db.completionCheck.deleteMany({ where: { milestone: { measure: { list: ours } } } });
  await db.progressReport.deleteMany({ where: ours });
  await db.measureList.deleteMany({ where: ours });
  await db.$disconnect();
});

const TODAY = "2026-11-25";
const UNIT = "jingdezhen";
const users: Record<string, SessionUser> = {};
/** Tasks 景德镇市 carries that run past 2026, from the end of the plan (other tests use the first ones). */
let tasks: number[] = [];
beforeAll(async () => {
  for (const username of [UNIT, "reviewer"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const rows = await db.task.findMany({
    where: { deadlineDate: { gte: new Date("2027-12-31") }, units: { some: { unit: { code: UNIT } } } },
    orderBy: { number: "desc" },
    take: 8,
    select: { number: true },
  });
  tasks = rows.map((row) => row.number);
  expect(tasks.length).toBe(8);
});

const staff = () => users[UNIT]!;
const Q = (text: string) => parseQuarter(text)!;

/** The unit's 2026 list for `task`: three milestones (Q1, Q2, Q4), accepted unless `accept` is false. */
async function measureList(task: number, accept = true) {
  const saved = await saveMeasureList(
    measureListInputSchema.parse({
      taskNumber: String(task),
      year: "2026",
      version: "0",
      role: "SUPPORT",
      intent: "submit",
      measures: [
        {
          text: "推进城区污水管网改造",
          responsible: "市住建局 李四",
          milestones: [
            { title: "完成管网排查", plannedDate: "2026-03-31", deliverable: "排查报告" },
            { title: "完成改造方案", plannedDate: "2026-06-30", deliverable: "改造方案批复" },
            { title: "完成改造验收", plannedDate: "2026-12-31", deliverable: "验收报告" },
          ],
        },
      ],
    }),
    staff(),
  );
  if (accept) {
    await reviewMeasureList(
      measureReviewSchema.parse({ listId: String(saved.id), version: String(saved.version), decision: "accept" }),
      users.reviewer!,
    );
  }
  const milestones = await db.milestone.findMany({
    where: { measure: { listId: saved.id } },
    orderBy: { position: "asc" },
    select: { id: true, title: true },
  });
  return milestones.map((milestone) => milestone.id) as [number, number, number];
}

const form = (task: number, quarter: string, version: number, extra: Record<string, string> = {}) =>
  saveReportSchema.parse({
    taskNumber: String(task),
    quarter,
    version: String(version),
    intent: "save",
    progressState: "ON_TRACK",
    percent: "40",
    progress: "按计划推进。",
    ...extra,
  });

const done = (id: number, date: string) => ({ [`milestone.${id}.outcome`]: "DONE", [`milestone.${id}.doneDate`]: date });
const late = (id: number, reason: string, newDate: string) => ({
  [`milestone.${id}.outcome`]: "LATE",
  [`milestone.${id}.reason`]: reason,
  [`milestone.${id}.newDate`]: newDate,
});
const planned = (id: number) => ({ [`milestone.${id}.outcome`]: "PLANNED" });

const milestoneRow = (id: number) =>
  db.milestone.findUniqueOrThrow({
    where: { id },
    select: { status: true, doneDate: true, lateReason: true, newDate: true, dropReason: true, reportId: true },
  });
const entries = (reportId: number) =>
  db.reportMilestone.findMany({
    where: { reportId },
    orderBy: { milestoneId: "asc" },
    select: { milestoneId: true, outcome: true, doneDate: true, reason: true, newDate: true },
  });
const review = (report: { id: number; version: number }, decision: "accept" | "return") =>
  reviewReports(
    reviewSchema.parse({ reports: `${report.id}:${report.version}`, decision, comment: decision === "return" ? "请补充" : "" }),
    users.reviewer!,
  );
const check = (milestoneId: number, passed: boolean, finding: string) =>
  recordMilestoneCheck(
    milestoneCheckSchema.parse({
      milestoneId: String(milestoneId),
      checkedOn: "2026-11-26",
      method: "DOCUMENTS",
      passed: passed ? "yes" : "no",
      finding,
    }),
    users.reviewer!,
  );

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const titlesOf = async (task: number, quarter: string) =>
  (await getReportForm(staff(), task, Q(quarter), TODAY)).milestones.map((milestone) => milestone.title);

describe("the quarter's milestones in the report form", () => {
  it("lists the accepted list's milestones due in the quarter or before and not done, plus those the report recorded", async () => {
    const task = tasks[0]!;
    const [first, second] = await measureList(task);
    expect(await titlesOf(task, "2026Q1")).toEqual(["完成管网排查"]);
    expect(await titlesOf(task, "2026Q2")).toEqual(["完成管网排查", "完成改造方案"]);

    // Q1 records the first done; once submitted it is done and no longer listed in Q2 — except in Q1's own report.
    const q1 = await saveReport(form(task, "2026Q1", 0, { intent: "submit", ...done(first, "2026-03-20") }), staff(), TODAY);
    expect(await titlesOf(task, "2026Q2")).toEqual(["完成改造方案"]);
    expect(await titlesOf(task, "2026Q1")).toEqual(["完成管网排查"]);
    expect((await getReportForm(staff(), task, Q("2026Q1"), TODAY)).report!.milestoneEntries).toMatchObject([
      { milestoneId: first, outcome: "DONE" },
    ]);
    expect(q1.status).toBe("SUBMITTED");

    // A late one is listed again in the quarter of its new date, not before.
    await saveReport(form(task, "2026Q2", 0, { intent: "submit", ...late(second, "资金未到位", "2026-08-15") }), staff(), TODAY);
    expect(await titlesOf(task, "2026Q3")).toEqual(["完成改造方案"]);
    const q3 = await getReportForm(staff(), task, Q("2026Q3"), TODAY);
    expect(q3.milestones[0]).toMatchObject({ status: "LATE", lateReason: "资金未到位" });
  });

  it("lists nothing from a list that has never been accepted", async () => {
    const task = tasks[1]!;
    await measureList(task, false);
    expect(await titlesOf(task, "2026Q2")).toEqual([]);
  });
});

describe("the server's checks of milestone entries", () => {
  it("refuses each wrong entry next to its field in Chinese, and stores nothing", async () => {
    const task = tasks[2]!;
    const [first, second, third] = await measureList(task);
    const parsed = saveReportSchema.safeParse({
      taskNumber: String(task),
      quarter: "2026Q2",
      version: "0",
      intent: "submit",
      progressState: "ON_TRACK",
      percent: "40",
      progress: "按计划推进。",
      [`milestone.${first}.outcome`]: "DONE",
      [`milestone.${second}.outcome`]: "LATE",
      [`milestone.${third}.outcome`]: "DROPPED",
    });
    expect(parsed.success).toBe(false);
    const messages = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({
      [`milestone.${first}.doneDate`]: "请填写完成日期",
      [`milestone.${second}.reason`]: "请填写滞后原因",
      [`milestone.${second}.newDate`]: "请填写新的计划完成日期",
      [`milestone.${third}.reason`]: "请填写取消原因",
    });

    const future = await refusal(saveReport(form(task, "2026Q2", 0, { intent: "submit", ...done(first, "2026-12-01") }), staff(), TODAY));
    expect(future.status).toBe(400);
    expect(future.fieldErrors).toEqual({ [`milestone.${first}.doneDate`]: ["完成日期不能晚于今天（2026年11月25日）"] });
    const earlier = await refusal(saveReport(form(task, "2026Q2", 0, late(second, "审批延后", "2026-06-01")), staff(), TODAY));
    expect(earlier.fieldErrors).toEqual({ [`milestone.${second}.newDate`]: ["新的计划完成日期应晚于原计划日期（2026年6月30日）"] });
    // The Q4 milestone is not this quarter's: a request naming it is refused.
    const notDue = await refusal(saveReport(form(task, "2026Q2", 0, done(third, "2026-06-01")), staff(), TODAY));
    expect(notDue.fieldErrors[`milestone.${third}.outcome`]?.[0]).toContain("不在本报告应填报的节点中");

    expect(await db.progressReport.count({ where: { task: { number: task }, unit: { code: UNIT } } })).toBe(0);
    expect(await milestoneRow(first)).toMatchObject({ status: "PLANNED", doneDate: null, reportId: null });
  });
});

describe("writing the entries onto the milestones", () => {
  it("keeps a draft's entries on the report only, writes them at submit with an audit row, rewrites on resubmit, locks after accept", async () => {
    const task = tasks[3]!;
    const [first, second, third] = await measureList(task);
    const draft = await saveReport(form(task, "2026Q2", 0, { ...done(first, "2026-05-10"), ...planned(second) }), staff(), TODAY);
    expect(await entries(draft.id)).toEqual([
      { milestoneId: first, outcome: "DONE", doneDate: new Date("2026-05-10T00:00:00Z"), reason: null, newDate: null },
      { milestoneId: second, outcome: "PLANNED", doneDate: null, reason: null, newDate: null },
    ]);
    expect((await milestoneRow(first)).status).toBe("PLANNED");
    const revision = await db.reportRevision.findFirstOrThrow({ where: { reportId: draft.id, version: 1 }, select: { snapshot: true } });
    expect((revision.snapshot as { milestones: unknown }).milestones).toEqual([
      { milestone: first, title: "完成管网排查", outcome: "DONE", doneDate: "2026-05-10", reason: null, newDate: null },
      { milestone: second, title: "完成改造方案", outcome: "PLANNED", doneDate: null, reason: null, newDate: null },
    ]);
    // The request hash covers the entries: the same request with another done date is another request.
    expect(requestHashOf(form(task, "2026Q2", 1, done(first, "2026-05-10")))).not.toBe(
      requestHashOf(form(task, "2026Q2", 1, done(first, "2026-05-11"))),
    );

    const submitted = await saveReport(form(task, "2026Q2", 1, { intent: "submit", ...done(first, "2026-05-10") }), staff(), TODAY);
    expect(await milestoneRow(first)).toEqual({
      status: "DONE",
      doneDate: new Date("2026-05-10T00:00:00Z"),
      lateReason: null,
      newDate: null,
      dropReason: null,
      reportId: submitted.id,
    });
    expect((await milestoneRow(second)).status).toBe("PLANNED");
    const audit = await db.auditLog.findMany({
      where: { entity: "Milestone", entityId: String(first) },
      select: { action: true, actorId: true, before: true, after: true },
    });
    expect(audit).toEqual([
      {
        action: "milestone.report",
        actorId: staff().id,
        before: expect.objectContaining({ status: "PLANNED", reportId: null }) as unknown,
        after: expect.objectContaining({ status: "DONE", doneDate: "2026-05-10", reportId: submitted.id }) as unknown,
      },
    ]);
    expect((await listAwaitingMilestoneChecks(users.reviewer!)).map((item) => item.id)).toContain(first);

    // Returned and resubmitted: the new entries replace what the first submission wrote.
    await review(submitted, "return");
    const resubmitted = await saveReport(
      form(task, "2026Q2", submitted.version + 1, {
        intent: "submit",
        ...late(first, "验收推迟", "2026-09-30"),
        ...done(second, "2026-06-28"),
      }),
      staff(),
      TODAY,
    );
    expect(await milestoneRow(first)).toMatchObject({
      status: "LATE",
      doneDate: null,
      lateReason: "验收推迟",
      newDate: new Date("2026-09-30T00:00:00Z"),
      reportId: resubmitted.id,
    });
    expect(await milestoneRow(second)).toMatchObject({ status: "DONE", reportId: resubmitted.id });

    // Accepted: locked. A change is refused and changes nothing; a later report cannot record the done one.
    await review(resubmitted, "accept");
    const before = await entries(resubmitted.id);
    const locked = await refusal(saveReport(form(task, "2026Q2", resubmitted.version + 1, done(first, "2026-06-01")), staff(), TODAY));
    expect(locked.message).toContain("不能再修改");
    expect(await entries(resubmitted.id)).toEqual(before);
    const later = await refusal(saveReport(form(task, "2026Q3", 0, { ...done(second, "2026-07-01") }), staff(), TODAY));
    expect(later.fieldErrors[`milestone.${second}.outcome`]?.[0]).toContain("不在本报告应填报的节点中");
    expect(await milestoneRow(second)).toMatchObject({ status: "DONE", doneDate: new Date("2026-06-28T00:00:00Z") });
    expect((await milestoneRow(third)).status).toBe("PLANNED");
  });

  it("bulk submit writes a draft's recorded entries; 沿用上季度 keeps a draft's own and carries none from the source", async () => {
    const task = tasks[4]!;
    const [first, second] = await measureList(task);
    const batch = (intent: "submit" | "carry", ref: string) => reportBatchSchema.parse({ intent, reports: ref, requestId: randomUUID() });

    const q1 = await saveReport(form(task, "2026Q1", 0, done(first, "2026-03-25")), staff(), TODAY);
    await submitReports(batch("submit", `${task}:2026Q1:${q1.version}`), staff(), TODAY);
    expect(await milestoneRow(first)).toMatchObject({ status: "DONE", reportId: q1.id });
    expect(await entries(q1.id)).toHaveLength(1);
    const submittedQ1 = await db.progressReport.findUniqueOrThrow({ where: { id: q1.id }, select: { id: true, version: true } });
    await review(submittedQ1, "accept");

    // Q2: a draft records the second milestone late, then the unit carries Q1's text forward.
    const q2 = await saveReport(form(task, "2026Q2", 0, late(second, "征地未完成", "2026-10-31")), staff(), TODAY);
    // A save without milestone fields (as the Excel progress import sends) keeps the draft's entries.
    const reimported = await saveReport(form(task, "2026Q2", q2.version), staff(), TODAY);
    expect(await entries(q2.id)).toMatchObject([{ milestoneId: second, outcome: "LATE" }]);
    await carryForwardReports(batch("carry", `${task}:2026Q2:${reimported.version}`), staff(), TODAY);
    expect(await entries(q2.id)).toMatchObject([{ milestoneId: second, outcome: "LATE", reason: "征地未完成" }]);
    expect(await milestoneRow(second)).toMatchObject({ status: "LATE", lateReason: "征地未完成", reportId: q2.id });
    // Q1's done entry was not carried into Q2.
    expect((await entries(q2.id)).map((entry) => entry.milestoneId)).not.toContain(first);

    // A report carried with no draft of its own records no milestone.
    const accepted = await db.progressReport.findUniqueOrThrow({ where: { id: q2.id }, select: { id: true, version: true } });
    await review(accepted, "accept");
    const { reports } = await carryForwardReports(batch("carry", `${task}:2026Q3:0`), staff(), TODAY);
    expect(await entries(reports[0]!.id)).toEqual([]);
  });
});

describe("销号核查 of a milestone", () => {
  it("verifies it on a pass (no second check), and reopens it with the finding shown to the unit on a failure", async () => {
    const task = tasks[5]!;
    const [first, second] = await measureList(task);
    await saveReport(
      form(task, "2026Q2", 0, { intent: "submit", ...done(first, "2026-03-30"), ...done(second, "2026-06-20") }),
      staff(),
      TODAY,
    );

    await check(first, true, "印发文件齐全");
    expect(await db.completionCheck.count({ where: { milestoneId: first, passed: true } })).toBe(1);
    expect((await milestoneRow(first)).status).toBe("DONE");
    const awaiting = (await listAwaitingMilestoneChecks(users.reviewer!)).map((item) => item.id);
    expect(awaiting).not.toContain(first);
    expect(awaiting).toContain(second);
    expect((await refusal(check(first, true, "再查"))).message).toContain("已通过销号核查");

    await check(second, false, "方案未见批复文件");
    expect(await milestoneRow(second)).toMatchObject({ status: "PLANNED", doneDate: null, reportId: null });
    expect((await reopenedFindings([first, second])).get(second)).toBe("方案未见批复文件");
    expect((await listAwaitingMilestoneChecks(users.reviewer!)).map((item) => item.id)).not.toContain(second);
    const reopen = await db.auditLog.findFirstOrThrow({
      where: { entity: "Milestone", entityId: String(second), action: "milestone.reopen" },
      select: { actorId: true },
    });
    expect(reopen.actorId).toBe(users.reviewer!.id);
    // The unit's next report lists it again, with the finding.
    const q3 = await getReportForm(staff(), task, Q("2026Q3"), TODAY);
    expect(q3.milestones.map((milestone) => [milestone.id, milestone.checks[0]?.finding])).toEqual([[second, "方案未见批复文件"]]);
    expect((await refusal(check(second, true, "未完成时不能核查"))).message).toContain("尚未标记完成");
  });
});
