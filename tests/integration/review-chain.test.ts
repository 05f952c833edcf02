/**
 * The two-level review chain and the unlock of accepted data, against a real database: a task
 * with two levels sends another unit's report to its 牵头单位 first; the lead unit passes it on
 * or returns it with a comment; 省生态环境厅 decides only what was passed on; every step is a
 * version with its revision and audit row; an accepted report unlocked with a reason goes back
 * to the unit, which resubmits it. Measure lists (年度举措清单) follow the same chain.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { reviewReports, unlockReport } from "@/lib/review/review-reports";
import { leadReviewReports, listLeadDesk } from "@/lib/review/lead-review";
import { saveReport } from "@/lib/reports/save-report";
import { setTaskLeadUnit } from "@/lib/plan/lead-unit";
import { AppError } from "@/lib/core/errors";
import { saveReportSchema } from "@/lib/reports/schemas";
import { setLeadUnitSchema } from "@/lib/plan/schemas";
import { leadReviewSchema, reviewSchema, unlockSchema } from "@/lib/review/schemas";
import { saveMeasureList } from "@/lib/measures/save-measure-list";
import { leadReviewMeasureList, reviewMeasureList } from "@/lib/measures/review-measure-list";
import { listLeadMeasureDesk } from "@/lib/measures/read-measures";
import { measureLeadReviewSchema, measureListInputSchema, measureReviewSchema } from "@/lib/measures/schemas";
import { StaleWriteError } from "@/lib/core/errors";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
let chained: number[] = [];
// The run's other files share the seeded plan: give the tasks back their single level and no lead unit.
afterAll(async () => {
  await db.task.updateMany({ where: { number: { in: chained } }, data: { reviewLevels: 1, leadUnitId: null } });
  // Its reports and lists go again: the annual report and the dashboard read 2025 as seeded.
  const ours = { task: { number: { in: chained } }, unit: { code: { in: ["yingtan", "xinyu", "jian"] } } };
  const [year, quarter] = QUARTER.split("Q").map(Number);
  await db.progressReport.deleteMany({ where: { ...ours, year, quarter } });
  await db.measureList.deleteMany({ where: { ...ours, year: 2028 } });
  await db.$disconnect();
});

const TODAY = "2026-11-25";
const QUARTER = "2025Q3";
const users: Record<string, SessionUser> = {};
/** Tasks every city carries, with 新余市 as lead unit and two levels (one with a single level). */
let twoLevel: number[] = [];
let oneLevel = 0;
beforeAll(async () => {
  for (const username of ["yingtan", "xinyu", "jian", "reviewer", "admin"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const shared = await db.task.findMany({
    where: {
      deadlineDate: { gte: new Date("2026-01-01") },
      AND: ["yingtan", "xinyu", "jian"].map((code) => ({ units: { some: { unit: { code } } } })),
    },
    orderBy: { number: "desc" },
    take: 6,
    select: { number: true, version: true },
  });
  expect(shared.length).toBe(6);
  for (const [index, task] of shared.entries()) {
    const levels = index === 5 ? "1" : "2";
    await setTaskLeadUnit(
      setLeadUnitSchema.parse({ taskNumber: String(task.number), unitCode: "xinyu", reviewLevels: levels, version: String(task.version) }),
      users.admin!.id,
    );
  }
  chained = shared.map((task) => task.number);
  twoLevel = shared.slice(0, 5).map((task) => task.number);
  oneLevel = shared[5]!.number;
});

async function submit(task: number, user = users.yingtan!, version = 0, progress = "按计划推进。") {
  return saveReport(
    saveReportSchema.parse({
      taskNumber: String(task),
      quarter: QUARTER,
      version: String(version),
      intent: "submit",
      progressState: "ON_TRACK",
      percent: "50",
      progress,
    }),
    user,
    TODAY,
  );
}

const leadReview = (decision: "pass" | "return", ref: { id: number; version: number }, user = users.xinyu!, comment = "") =>
  leadReviewReports(leadReviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision, comment }), user);
const review = (decision: "accept" | "return", ref: { id: number; version: number }) =>
  reviewReports(
    reviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision, comment: decision === "return" ? "请补充" : "" }),
    users.reviewer!,
  );

const stored = (id: number) =>
  db.progressReport.findUniqueOrThrow({ where: { id }, select: { status: true, reviewStage: true, version: true, reviewComment: true } });
const lastAudit = (id: number) =>
  db.auditLog.findFirstOrThrow({
    where: { entity: "ProgressReport", entityId: String(id) },
    orderBy: { id: "desc" },
    select: { action: true, actorId: true },
  });
const footprint = async (id: number) => ({
  report: await stored(id),
  revisions: await db.reportRevision.count({ where: { reportId: id } }),
  audits: await db.auditLog.count({ where: { entity: "ProgressReport", entityId: String(id) } }),
});

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a task with two review levels", () => {
  it("sends a report to the lead unit, which passes it on to 省生态环境厅, who accepts it", async () => {
    const report = await submit(twoLevel[0]!);
    expect(await stored(report.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "LEAD", version: 1 });
    expect((await listLeadDesk(users.xinyu!)).map((row) => row.id)).toContain(report.id);
    expect((await listLeadDesk(users.jian!)).map((row) => row.id)).not.toContain(report.id);

    // Not the reviewer's yet.
    const early = await refusal(review("accept", report));
    expect(early.message).toContain("尚待牵头单位审核");

    await leadReview("pass", report);
    expect(await stored(report.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "FINAL", version: 2 });
    expect(await lastAudit(report.id)).toEqual({ action: "report.pass_on", actorId: users.xinyu!.id });
    expect(
      await db.reportRevision.findFirstOrThrow({ where: { reportId: report.id, version: 2 }, select: { action: true, status: true } }),
    ).toEqual({ action: "report.pass_on", status: "SUBMITTED" });
    expect((await listLeadDesk(users.xinyu!)).map((row) => row.id)).not.toContain(report.id);

    await review("accept", { id: report.id, version: 2 });
    expect(await stored(report.id)).toMatchObject({ status: "ACCEPTED", reviewStage: "FINAL", version: 3 });
    expect(await lastAudit(report.id)).toEqual({ action: "report.accept", actorId: users.reviewer!.id });
  });

  it("lets the lead unit return a report with a comment, which the unit reads and resubmits to the lead unit", async () => {
    const report = await submit(twoLevel[1]!);
    const noComment = leadReviewSchema.safeParse({ reports: `${report.id}:${report.version}`, decision: "return", comment: "" });
    expect(noComment.error?.issues.map((issue) => issue.message)).toEqual(["退回时请填写审核意见"]);

    await leadReview("return", report, users.xinyu, "请补充项目清单");
    expect(await stored(report.id)).toMatchObject({ status: "RETURNED", reviewComment: "牵头单位意见：请补充项目清单", version: 2 });
    expect(await lastAudit(report.id)).toEqual({ action: "report.lead_return", actorId: users.xinyu!.id });

    const again = await submit(twoLevel[1]!, users.yingtan, 2, "已补充项目清单。");
    expect(await stored(again.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "LEAD", version: 3 });
  });

  it("refuses the pass-on of staff not of the lead unit, and of the reviewer's stage, changing nothing", async () => {
    const report = await submit(twoLevel[2]!);
    const before = await footprint(report.id);
    const other = await refusal(leadReview("pass", report, users.jian));
    expect(other.message).toContain("只有该任务牵头单位的填报人可以审核");
    const reviewer = await refusal(leadReview("pass", report, users.reviewer));
    expect(reviewer.message).toBe("只有牵头单位的填报人可以审核");
    expect(await footprint(report.id)).toEqual(before);

    await leadReview("pass", report);
    const twice = await refusal(leadReview("pass", { id: report.id, version: 2 }));
    expect(twice.message).toContain("已转省生态环境厅审核");
  });

  it("sends the lead unit's own report, and any report of a one-level task, straight to 省生态环境厅", async () => {
    const own = await submit(twoLevel[3]!, users.xinyu);
    expect(await stored(own.id)).toMatchObject({ reviewStage: "FINAL" });
    const single = await submit(oneLevel);
    expect(await stored(single.id)).toMatchObject({ reviewStage: "FINAL" });
    await review("accept", single);
    expect(await stored(single.id)).toMatchObject({ status: "ACCEPTED" });
  });

  it("refuses two levels without a lead unit", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { number: oneLevel }, select: { version: true } });
    const error = await refusal(
      setTaskLeadUnit(
        setLeadUnitSchema.parse({ taskNumber: String(oneLevel), unitCode: "", reviewLevels: "2", version: String(task.version) }),
        users.admin!.id,
      ),
    );
    expect(error.fieldErrors.reviewLevels).toEqual(["请先选择牵头单位，或改为一级审核"]);
    expect(await db.task.findUniqueOrThrow({ where: { number: oneLevel }, select: { reviewLevels: true } })).toEqual({ reviewLevels: 1 });
  });
});

describe("unlocking accepted data", () => {
  it("returns an accepted report with the reason, audited, and the unit resubmits it", async () => {
    const report = await submit(twoLevel[4]!, users.xinyu);
    await review("accept", report);
    expect(unlockSchema.safeParse({ report: `${report.id}:2`, reason: " " }).success).toBe(false);

    await unlockReport(unlockSchema.parse({ report: `${report.id}:2`, reason: "数据口径有误，请核对" }), users.reviewer!);
    expect(await stored(report.id)).toMatchObject({ status: "RETURNED", reviewComment: "解锁：数据口径有误，请核对", version: 3 });
    expect(await lastAudit(report.id)).toEqual({ action: "report.unlock", actorId: users.reviewer!.id });

    // Only accepted reports unlock; staff cannot unlock.
    expect(
      (await refusal(unlockReport(unlockSchema.parse({ report: `${report.id}:3`, reason: "再次" }), users.reviewer!))).message,
    ).toContain("只能解锁已通过的报告");
    const resubmitted = await submit(twoLevel[4]!, users.xinyu, 3, "已按口径修正。");
    expect(resubmitted).toMatchObject({ status: "SUBMITTED", version: 4 });
    expect((await lastAudit(report.id)).action).toBe("report.resubmit");
  });

  it("refuses an unlock by anyone but the reviewer", async () => {
    const report = await submit(oneLevel, users.jian);
    await review("accept", report);
    const before = await footprint(report.id);
    const error = await refusal(unlockReport(unlockSchema.parse({ report: `${report.id}:2`, reason: "想改" }), users.jian!));
    expect(error.message).toBe("只有审核人可以解锁报告");
    expect(await footprint(report.id)).toEqual(before);
  });
});

describe("a measure list on the review chain", () => {
  // A year no other file writes measure lists for (measures-import.test.ts takes 新余市 2027).
  const YEAR = "2028";
  const submitList = (task: number, user = users.yingtan!, version = 0, text = "推进流域综合治理") =>
    saveMeasureList(
      measureListInputSchema.parse({
        taskNumber: String(task),
        year: YEAR,
        version: String(version),
        intent: "submit",
        role: "SUPPORT",
        measures: [
          {
            text,
            responsible: "市生态环境局 李四",
            milestones: ["完成调查", "印发方案", "完成验收"].map((title, index) => ({
              title,
              plannedDate: `2028-0${index + 3}-30`,
              deliverable: `${title}的文件`,
            })),
          },
        ],
      }),
      user,
    );
  const leadDecide = (decision: "pass" | "return", list: { id: number; version: number }, user = users.xinyu!, comment = "") =>
    leadReviewMeasureList(
      measureLeadReviewSchema.parse({ listId: String(list.id), version: String(list.version), decision, comment }),
      user,
    );
  const finalDecide = (decision: "accept" | "return", list: { id: number; version: number }, comment = "") =>
    reviewMeasureList(
      measureReviewSchema.parse({ listId: String(list.id), version: String(list.version), decision, comment }),
      users.reviewer!,
    );
  const storedList = (id: number) =>
    db.measureList.findUniqueOrThrow({ where: { id }, select: { status: true, reviewStage: true, version: true, reviewComment: true } });
  const trail = async (id: number) => ({
    revisions: await db.measureListRevision.findMany({
      where: { listId: id },
      orderBy: { version: "asc" },
      select: { action: true, actorId: true },
    }),
    audits: await db.auditLog.findMany({
      where: { entity: "MeasureList", entityId: String(id) },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true },
    }),
  });

  it("goes to the lead unit's desk, is passed on, and 省生态环境厅 accepts it; every step a version with revision and audit row", async () => {
    const list = await submitList(twoLevel[0]!);
    expect(list.reviewStage).toBe("LEAD");
    expect(await storedList(list.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "LEAD", version: 1 });
    expect((await listLeadMeasureDesk(users.xinyu!)).map((row) => row.id)).toContain(list.id);
    expect((await listLeadMeasureDesk(users.jian!)).map((row) => row.id)).not.toContain(list.id);

    const early = await refusal(finalDecide("accept", list));
    expect(early.message).toBe(`任务 ${twoLevel[0]}（鹰潭市，2028年）的举措清单尚待牵头单位审核，不能直接审核`);

    const passed = await leadDecide("pass", list);
    expect(passed).toMatchObject({ status: "SUBMITTED", version: 2 });
    expect(await storedList(list.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "FINAL", version: 2, reviewComment: null });
    expect((await listLeadMeasureDesk(users.xinyu!)).map((row) => row.id)).not.toContain(list.id);

    await finalDecide("accept", { id: list.id, version: 2 });
    expect(await storedList(list.id)).toMatchObject({ status: "ACCEPTED", reviewStage: "FINAL", version: 3 });
    const steps = [
      { action: "measureList.submit", actorId: users.yingtan!.id },
      { action: "measureList.pass_on", actorId: users.xinyu!.id },
      { action: "measureList.accept", actorId: users.reviewer!.id },
    ];
    expect(await trail(list.id)).toEqual({ revisions: steps, audits: steps });
  });

  it("is returned by the lead unit with a comment the unit reads, and resubmitted to the lead unit", async () => {
    const list = await submitList(twoLevel[1]!);
    const noComment = measureLeadReviewSchema.safeParse({ listId: String(list.id), version: "1", decision: "return", comment: "" });
    expect(noComment.error?.issues.map((issue) => issue.message)).toEqual(["退回时请填写退回意见"]);

    await leadDecide("return", list, users.xinyu, "请把节点细化到季度");
    expect(await storedList(list.id)).toMatchObject({
      status: "RETURNED",
      reviewStage: null,
      version: 2,
      reviewComment: "牵头单位意见：请把节点细化到季度",
    });
    expect((await trail(list.id)).audits.at(-1)).toEqual({ action: "measureList.lead_return", actorId: users.xinyu!.id });

    const again = await submitList(twoLevel[1]!, users.yingtan, 2, "推进流域综合治理（按季度）");
    expect(again.reviewStage).toBe("LEAD");
    expect(await storedList(list.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "LEAD", version: 3 });
    expect((await trail(list.id)).audits.at(-1)?.action).toBe("measureList.resubmit");
  });

  it("refuses another unit's staff, the reviewer at the lead step, a lead decision after pass-on and a stale version, changing nothing", async () => {
    const list = await submitList(twoLevel[2]!);
    const before = { list: await storedList(list.id), trail: await trail(list.id) };

    const other = await refusal(leadDecide("pass", list, users.jian));
    expect(other.code).toBe("FORBIDDEN");
    expect(other.message).toBe(`任务 ${twoLevel[2]}（鹰潭市，2028年）：只有该任务牵头单位的填报人可以审核`);
    const reviewer = await refusal(leadDecide("pass", list, users.reviewer));
    expect(reviewer.message).toBe("只有牵头单位的填报人可以审核");
    const staffFinal = await refusal(
      reviewMeasureList(measureReviewSchema.parse({ listId: String(list.id), version: "1", decision: "accept" }), users.xinyu!),
    );
    expect(staffFinal.code).toBe("FORBIDDEN");
    expect({ list: await storedList(list.id), trail: await trail(list.id) }).toEqual(before);

    await leadDecide("pass", list);
    const stale = await refusal(leadDecide("return", list, users.xinyu, "再看看"));
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(stale.message).toMatch(/的举措清单已于 .+ 被 新余市填报人 修改，请刷新后再审核。$/);
    const twice = await refusal(leadDecide("pass", { id: list.id, version: 2 }));
    expect(twice.message).toContain("已转省生态环境厅审核，不在牵头单位审核环节");
    expect(await storedList(list.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "FINAL", version: 2 });
  });

  it("sends the lead unit's own list, and any list of a one-level task, straight to 省生态环境厅", async () => {
    const own = await submitList(twoLevel[3]!, users.xinyu);
    expect(await storedList(own.id)).toMatchObject({ reviewStage: "FINAL" });
    expect((await listLeadMeasureDesk(users.xinyu!)).map((row) => row.id)).not.toContain(own.id);

    const single = await submitList(oneLevel);
    expect(await storedList(single.id)).toMatchObject({ status: "SUBMITTED", reviewStage: "FINAL" });
    const refused = await refusal(leadDecide("pass", single));
    expect(refused.message).toContain("不在牵头单位审核环节");
    await finalDecide("return", single, "请补充资金来源");
    expect(await storedList(single.id)).toMatchObject({ status: "RETURNED", reviewComment: "请补充资金来源", version: 2 });
  });
});
