/**
 * Quarterly progress against a real database: the report lifecycle, optimistic concurrency,
 * refusals of bad input that change nothing, evidence files, and the authorization matrix
 * (each role × each action × own unit / other unit / city).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { getReportDetail, listReports, scopeOf } from "@/lib/reports/read-reports";
import { reviewReports } from "@/lib/review/review-reports";
import { saveReport } from "@/lib/reports/save-report";
import { addEvidence, evidenceForDownload } from "@/lib/evidence/evidence";
import { reportingCounts, sendReminders, activeRemindersFor } from "@/lib/reminders/reminders";
import { getUnitTodo } from "@/lib/reports/todo";
import { getTaskStatus } from "@/lib/status/task-status";
import { StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { reportReadScope } from "@/lib/auth/roles";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import type { ReportConflict } from "@/lib/reports/report-diff";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const TODAY = "2026-11-25";
const users: Record<string, SessionUser> = {};
beforeAll(async () => {
  for (const username of ["nanchang", "ganzhou", "jingdezhen", "zjt", "kjt", "reviewer", "leader", "admin", "auditor"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
});

type FormFields = Record<string, string>;
const form = (fields: FormFields) =>
  saveReportSchema.parse({
    taskNumber: "21",
    quarter: "2025Q4",
    version: "0",
    intent: "save",
    progressState: "ON_TRACK",
    percent: "60",
    progress: "新建改造污水管网 320 千米。",
    ...fields,
  });

async function save(username: string, fields: FormFields) {
  return saveReport(form(fields), users[username]!, TODAY);
}

async function review(decision: "accept" | "return", ref: { id: number; version: number }, comment = "") {
  return reviewReports(reviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision, comment }), users.reviewer!);
}

const reportCount = () => db.progressReport.count();

describe("the life of a report", () => {
  it("goes draft → submitted → returned → resubmitted → accepted, keeping every version and audit row", async () => {
    const draft = await save("nanchang", {
      "figure.SEWER_PIPES_BUILT.value": "320",
      "figure.SEWER_PIPES_BUILT.period": "2025Q4",
      "figure.SEWER_PIPES_BUILT.note": "南昌市本季度",
    });
    expect(draft).toMatchObject({ status: "DRAFT", version: 1 });

    const submitted = await save("nanchang", {
      version: "1",
      intent: "submit",
      "figure.SEWER_PIPES_BUILT.value": "320",
      "figure.SEWER_PIPES_BUILT.period": "2025Q4",
    });
    expect(submitted).toMatchObject({ id: draft.id, status: "SUBMITTED", version: 2 });

    // Submitted: staff can no longer change it, and the refusal changes nothing.
    await expect(save("nanchang", { version: "2", progress: "改了" })).rejects.toThrow("该报告已提交待审核，不能再修改");

    expect(() => reviewSchema.parse({ reports: `${draft.id}:2`, decision: "return", comment: "" })).toThrow("退回时请填写审核意见");
    await review("return", { id: draft.id, version: 2 }, "请补充管网改造的佐证材料");

    const resubmitted = await save("nanchang", {
      version: "3",
      intent: "submit",
      progress: "新建改造污水管网 320 千米，附验收记录。",
      "figure.SEWER_PIPES_BUILT.value": "320",
      "figure.SEWER_PIPES_BUILT.period": "2025Q4",
    });
    expect(resubmitted).toMatchObject({ status: "SUBMITTED", version: 4 });
    await review("accept", { id: draft.id, version: 4 });

    const stored = await db.progressReport.findUniqueOrThrow({
      where: { id: draft.id },
      select: { status: true, version: true, progress: true, reviewComment: true, figures: { select: { value: true, period: true } } },
    });
    expect(stored).toMatchObject({ status: "ACCEPTED", version: 5, progress: "新建改造污水管网 320 千米，附验收记录。" });
    expect(stored.figures.map((figure) => [Number(figure.value), figure.period])).toEqual([[320, "2025Q4"]]);
    const revisions = await db.reportRevision.findMany({
      where: { reportId: draft.id },
      orderBy: { version: "asc" },
      select: { version: true, action: true, status: true },
    });
    expect(revisions).toEqual([
      { version: 1, action: "report.save", status: "DRAFT" },
      { version: 2, action: "report.submit", status: "SUBMITTED" },
      { version: 3, action: "report.return", status: "RETURNED" },
      { version: 4, action: "report.resubmit", status: "SUBMITTED" },
      { version: 5, action: "report.accept", status: "ACCEPTED" },
    ]);
    const audit = await db.auditLog.findMany({
      where: { entity: "ProgressReport", entityId: String(draft.id) },
      orderBy: { id: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audit.map((entry) => entry.action)).toEqual(revisions.map((revision) => revision.action));
    expect(audit[2]!.before).toMatchObject({ status: "SUBMITTED" });
    expect(audit[2]!.after).toMatchObject({ status: "RETURNED", reviewComment: "请补充管网改造的佐证材料" });

    // Accepted: leaders and API tokens now see it; the reviewer cannot decide twice.
    const leaderView = await listReports(scopeOf(users.leader!), { task: 21, unit: "nanchang" });
    expect(leaderView.map((report) => report.id)).toEqual([draft.id]);
    await expect(review("return", { id: draft.id, version: 5 }, "再看看")).rejects.toThrow("只能审核待审核的报告");
  });

  it("refuses the second of two saves made from the same version, naming who saved first, and keeps the first", async () => {
    const first = await save("ganzhou", { taskNumber: "24", progress: "第一位填报人的内容" });
    await save("ganzhou", { taskNumber: "24", version: String(first.version), progress: "同事先保存的内容" });
    const error = await save("ganzhou", { taskNumber: "24", version: String(first.version), progress: "第二位填报人的内容" }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StaleWriteError);
    expect((error as StaleWriteError).message).toMatch(
      /^保存未成功：赣州市填报人 已于 \d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2} 修改了该报告/,
    );
    const stored = await db.progressReport.findUniqueOrThrow({ where: { id: first.id }, select: { progress: true, version: true } });
    expect(stored).toEqual({ progress: "同事先保存的内容", version: 2 });
  });

  it("hands a refused stale save the other person's version — who, when, version and every field — to compare", async () => {
    const figure = (value: string, note = "") => ({
      "figure.ZERO_WASTE_CITY_BUILT.value": value,
      "figure.ZERO_WASTE_CITY_BUILT.period": "2025Q4",
      "figure.ZERO_WASTE_CITY_BUILT.note": note,
    });
    const first = await save("ganzhou", { taskNumber: "26", quarter: "2025Q3", progress: "初稿", ...figure("1") });
    await save("ganzhou", {
      taskNumber: "26",
      quarter: "2025Q3",
      version: "1",
      progressState: "BEHIND",
      percent: "35",
      progress: "同事的进展",
      problems: "同事的问题",
      nextSteps: "同事的计划",
      ...figure("2.5", "同事的说明"),
    });
    const refused = (await save("ganzhou", { taskNumber: "26", quarter: "2025Q3", version: "1", progress: "我的进展" }).catch(
      (caught: unknown) => caught,
    )) as StaleWriteError;
    expect(refused).toBeInstanceOf(StaleWriteError);
    expect(refused.code).toBe("CONFLICT");
    const other = refused.data as ReportConflict;
    expect(other.when).toMatch(/^\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}$/);
    expect(other).toMatchObject({
      who: "赣州市填报人",
      version: 2,
      record: {
        status: "DRAFT",
        progressState: "BEHIND",
        percent: 35,
        progress: "同事的进展",
        problems: "同事的问题",
        nextSteps: "同事的计划",
        figures: [{ indicator: "ZERO_WASTE_CITY_BUILT", value: "2.5", period: "2025Q4", note: "同事的说明" }],
        editable: true,
      },
    });

    // Keeping my text means saving it based on their version: accepted, and refused again if
    // yet another save came in between.
    const kept = await save("ganzhou", { taskNumber: "26", quarter: "2025Q3", version: "2", progress: "我的进展" });
    expect(kept).toEqual({ id: first.id, status: "DRAFT", version: 3 });
    const again = (await save("ganzhou", { taskNumber: "26", quarter: "2025Q3", version: "2", progress: "又一次旧版本" }).catch(
      (caught: unknown) => caught,
    )) as StaleWriteError;
    expect(again).toBeInstanceOf(StaleWriteError);
    expect(again.data).toMatchObject({ version: 3, record: { progress: "我的进展" } });
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: first.id }, select: { progress: true, version: true } })).toEqual({
      progress: "我的进展",
      version: 3,
    });
  });

  it("names who changed a report since the form was loaded, even when it has moved on to review", async () => {
    const draft = await save("ganzhou", { taskNumber: "27", progress: "草稿" });
    const submitted = await save("ganzhou", {
      taskNumber: "27",
      version: String(draft.version),
      intent: "submit",
      progress: "已提交的内容",
    });
    const late = await save("ganzhou", { taskNumber: "27", version: String(draft.version), progress: "旧页面上的内容" }).catch(
      (caught: unknown) => caught,
    );
    expect(late).toBeInstanceOf(StaleWriteError);
    expect((late as StaleWriteError).message).toMatch(/^保存未成功：赣州市填报人 已于 /);

    await review("accept", submitted);
    const reviewerName = (await db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { displayName: true } })).displayName;
    const second = await review("return", submitted, "再看看").catch((caught: unknown) => caught);
    expect(second).toBeInstanceOf(StaleWriteError);
    expect((second as StaleWriteError).message).toContain(`被 ${reviewerName} 修改`);
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: submitted.id }, select: { status: true } })).toEqual({
      status: "ACCEPTED",
    });
  });

  it("refuses two people creating the same report at once: exactly one report is kept", async () => {
    const results = await Promise.allSettled([
      save("ganzhou", { taskNumber: "26", progress: "甲" }),
      save("ganzhou", { taskNumber: "26", progress: "乙" }),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(StaleWriteError);
    expect(await db.progressReport.count({ where: { task: { number: 26 }, unit: { code: "ganzhou" }, year: 2025, quarter: 4 } })).toBe(1);
    // The refusal names who saved first and carries what they saved, to compare with.
    const winner = (results.find((result) => result.status === "fulfilled") as PromiseFulfilledResult<{ id: number }>).value;
    const stored = await db.progressReport.findUniqueOrThrow({ where: { id: winner.id }, select: { progress: true } });
    // (Whichever way the second lost: to the unique key, or to the version once the first had committed.)
    expect((rejected.reason as StaleWriteError).message).toMatch(
      /^保存未成功：(在您之前，)?赣州市填报人 已于 .* (保存了这份报告|修改了该报告)/,
    );
    expect((rejected.reason as StaleWriteError).data).toMatchObject({
      who: "赣州市填报人",
      version: 1,
      record: { progress: stored.progress, editable: true },
    });
  });
});

describe("bad input gets a Chinese message and changes nothing", () => {
  it.each([
    [{ progress: "   " }, "请填写工作进展"],
    [{ percent: "101" }, "完成百分比须为 0–100 的整数"],
    [{ percent: "-1" }, "完成百分比须为 0–100 的整数"],
    [{ quarter: "2026Q5" }, "季度格式应为 2026Q3"],
    [{ progressState: "DONE" }, "请选择进展状态"],
    [{ progressState: "COMPLETED", percent: "90" }, "进展状态为已完成时，完成百分比应为 100"],
    [{ "figure.SEWER_PIPES_BUILT.value": "三百", "figure.SEWER_PIPES_BUILT.period": "2026" }, "指标数值须为数字，最多 4 位小数"],
    [{ "figure.SEWER_PIPES_BUILT.value": "300", "figure.SEWER_PIPES_BUILT.period": "去年" }, "请填写数值所属期间，如 2026 或 2026Q3"],
  ])("form %o → %s", (fields, message) => {
    const parsed = saveReportSchema.safeParse({
      taskNumber: "21",
      quarter: "2026Q3",
      version: "0",
      progressState: "ON_TRACK",
      percent: "50",
      progress: "x",
      ...fields,
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((issue) => issue.message)).toContain(message);
  });

  it.each([
    ["kjt", { taskNumber: "3" }, "省科技厅不承担任务 3，不能为其填报"],
    ["nanchang", { taskNumber: "99" }, "任务 99 不存在"],
    ["nanchang", { taskNumber: "15", quarter: "2026Q1" }, "任务 15 的报告期为 2024Q3 至 2024Q4，不含 2026Q1"],
    ["nanchang", { taskNumber: "24", quarter: "2027Q2" }, "2027Q2 尚未开始，不能提前填报"],
    ["nanchang", { quarter: "2024Q2" }, "任务 21 的报告期为 2024Q3 至 2025Q4，不含 2024Q2"],
    ["nanchang", { taskNumber: "3", "figure.PM25.value": "30", "figure.PM25.period": "2026" }, "指标 PM25 与任务 3 无关"],
    ["reviewer", {}, "只有绑定单位的填报人可以填报进展"],
  ])("%s writing %o is refused: %s", async (username, fields, message) => {
    const before = await reportCount();
    await expect(save(username, fields)).rejects.toThrow(new UserFacingError(message).message);
    expect(await reportCount()).toBe(before);
  });
});

describe("evidence files", () => {
  const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

  it("stores a PDF by its checksum and lets only readers of the report download it", async () => {
    const report = await save("zjt", { taskNumber: "9", quarter: "2025Q4", percent: "100", progressState: "COMPLETED" });
    await addEvidence(report.id, new File([PDF], "验收记录.pdf"), users.zjt!);
    const [file] = await db.evidenceFile.findMany({
      where: { reportId: report.id },
      select: { id: true, sha256: true, mediaType: true, size: true },
    });
    expect(file).toMatchObject({ mediaType: "application/pdf", size: PDF.length });
    expect(file!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await evidenceForDownload(file!.id, users.zjt!))?.bytes.equals(PDF)).toBe(true);
    // Another unit, a city, the reviewer (draft), the leader (not accepted), admin and auditor: nothing.
    for (const username of ["nanchang", "kjt", "reviewer", "leader", "admin", "auditor"]) {
      expect(await evidenceForDownload(file!.id, users[username]!), username).toBeNull();
    }
  });

  it("refuses a file whose content is not an allowed type whatever its name, a file over 20 MB, and another unit's report", async () => {
    const report = await save("zjt", { taskNumber: "23", quarter: "2025Q4" });
    const before = await db.evidenceFile.count();
    await expect(addEvidence(report.id, new File(["just text"], "伪装.pdf"), users.zjt!)).rejects.toThrow("文件类型不符");
    const huge = new File([new Uint8Array(20 * 1024 * 1024 + 1)], "大文件.pdf");
    await expect(addEvidence(report.id, huge, users.zjt!)).rejects.toThrow("单个文件不能超过 20 MB");
    await expect(addEvidence(report.id, new File([PDF], "x.pdf"), users.nanchang!)).rejects.toThrow("只能为本单位未提交或被退回的报告");
    expect(await db.evidenceFile.count()).toBe(before);
  });
});

describe("authorization matrix: role × action × own unit / other unit / city", () => {
  let provincial: { id: number; version: number };
  let city: { id: number; version: number };
  beforeAll(async () => {
    provincial = await save("zjt", { taskNumber: "47", quarter: "2026Q3", intent: "submit" });
    city = await save("nanchang", { taskNumber: "47", quarter: "2026Q3", intent: "submit" });
  });

  const readable = async (username: string, id: number) => Boolean(await getReportDetail(id, users[username]!));

  it.each([
    // reader, report of, can read while submitted
    ["zjt", "provincial (own)", true],
    ["kjt", "provincial (other unit)", false],
    ["nanchang", "provincial (a city reading a province unit)", false],
    ["reviewer", "provincial", true],
    ["leader", "provincial (not accepted yet)", false],
    ["admin", "provincial", false],
    ["auditor", "provincial", false],
  ] as const)("%s reading a submitted report of %s → %s", async (username, _label, expected) => {
    expect(await readable(username, provincial.id)).toBe(expected);
  });

  it.each([
    ["nanchang", "city (own)", true],
    ["ganzhou", "city (another city)", false],
    ["zjt", "city (a province unit reading a city)", false],
  ] as const)("%s reading a submitted report of %s → %s", async (username, _label, expected) => {
    expect(await readable(username, city.id)).toBe(expected);
  });

  it("lets nobody but the reviewer accept or return, and the reviewer never edit content", async () => {
    for (const username of ["zjt", "nanchang", "leader", "admin", "auditor"]) {
      await expect(
        reviewReports(reviewSchema.parse({ reports: `${city.id}:${city.version}`, decision: "accept" }), users[username]!),
        username,
      ).rejects.toThrow("只有审核人可以审核报告");
      await expect(
        saveReport(
          form({ taskNumber: "47", quarter: "2026Q3", version: String(city.version) }),
          users[username === "nanchang" ? "ganzhou" : username]!,
          TODAY,
        ),
      ).rejects.toThrow();
    }
    const stored = await db.progressReport.findUniqueOrThrow({ where: { id: city.id }, select: { status: true, version: true } });
    expect(stored).toEqual({ status: "SUBMITTED", version: city.version });
  });

  it("rolls the task's status up from every unit's status", async () => {
    const status = await getTaskStatus(47, "2035-12-31", TODAY);
    const byCode = new Map(status!.units.map((unit) => [unit.code, unit.assessment.status]));
    expect(status!.units).toHaveLength(3 + 11);
    expect(byCode.get("zjt")).toBe("ON_TRACK");
    expect(byCode.get("ganzhou")).toBe("OVERDUE_REPORT");
    expect(status!.status).toBe("OVERDUE_REPORT");
    expect((await getTaskStatus(15, "2024-12-31", TODAY))!.status).toBe("OVERDUE");
  });

  it("gives leaders and API tokens accepted reports only, and admin and auditor no scope at all", async () => {
    await review("accept", city);
    const ids = (reports: { id: number }[]) => reports.map((report) => report.id);
    expect(ids(await listReports(scopeOf(users.leader!), { task: 47 }))).toEqual([city.id]);
    expect(ids(await listReports(reportReadScope({ role: "API_TOKEN", unitId: null })!, { task: 47 }))).toEqual([city.id]);
    expect(ids(await listReports(scopeOf(users.reviewer!), { task: 47 })).sort()).toEqual([provincial.id, city.id].sort());
    expect(() => scopeOf(users.admin!)).toThrow("当前账号无权查看进展报告");
    expect(() => scopeOf(users.auditor!)).toThrow("当前账号无权查看进展报告");
  });
});

describe("chasing late units", () => {
  it("counts owed and submitted reports per unit and quarter in SQL", async () => {
    const [nanchang] = await reportingCounts({ year: 2026, quarter: 3 }, { year: 2026, quarter: 3 }, users.nanchang!.unitId!);
    const owed = await db.task.count({ where: { deadlineDate: { gte: new Date("2026-07-01") } } });
    const submitted = await db.progressReport.count({
      where: { unitId: users.nanchang!.unitId!, year: 2026, quarter: 3, status: { not: "DRAFT" } },
    });
    expect(nanchang).toMatchObject({ owed, submitted });
    expect(submitted).toBeGreaterThan(0);
  });

  it("shows a reminder on the unit's to-do list until the unit has reported everything for the quarter", async () => {
    await sendReminders(
      { units: ["kjt"], quarter: { year: 2026, quarter: 3 }, level: "REMIND", message: "请尽快报送第三季度进展" },
      users.reviewer!,
    );
    const active = await activeRemindersFor(users.kjt!.unitId!);
    expect(active.map((reminder) => reminder.message)).toContain("请尽快报送第三季度进展");
    const audit = await db.auditLog.count({ where: { action: "reminder.remind" } });
    expect(audit).toBeGreaterThan(0);
    const todo = await getUnitTodo(users.kjt!, {}, TODAY);
    expect(todo?.reminders.map((reminder) => reminder.message)).toContain("请尽快报送第三季度进展");
    // The unit's desk officer also has it in the inbox, urgent (delivered at once where it has channels).
    const notice = await db.notice.findFirst({
      where: { userId: users.kjt!.id, kind: "reminder.remind" },
      orderBy: { id: "desc" },
      select: { title: true, body: true, urgent: true, href: true },
    });
    expect(notice).toEqual({
      title: "省生态环境厅催办：2026年第3季度进展报告",
      body: "省科技厅：请尽快报送第三季度进展",
      urgent: true,
      href: "/my",
    });
  });

  it("lists returned reports first on the unit's to-do list", async () => {
    const report = await save("ganzhou", { taskNumber: "31", intent: "submit" });
    await review("return", report, "请写明噪声源调查的范围");
    const todo = await getUnitTodo(users.ganzhou!, {}, TODAY);
    expect(todo?.items[0]).toMatchObject({
      kind: "RETURNED",
      task: { number: 31 },
      report: { status: "RETURNED", reviewComment: "请写明噪声源调查的范围" },
    });
    expect(todo?.collecting).toEqual({ year: 2026, quarter: 4 });
  });
});

describe("what each revision keeps", () => {
  it("is the report exactly as stored after the write, figures and review included", async () => {
    const stored = async (id: number) => {
      const row = await db.progressReport.findUniqueOrThrow({
        where: { id },
        select: {
          status: true,
          progressState: true,
          percent: true,
          progress: true,
          problems: true,
          nextSteps: true,
          reviewComment: true,
          version: true,
          figures: {
            orderBy: { indicator: { sortOrder: "asc" } },
            select: { value: true, period: true, note: true, indicator: { select: { code: true } } },
          },
        },
      });
      const { figures, version, ...rest } = row;
      return {
        version,
        snapshot: {
          ...rest,
          figures: figures.map((figure) => ({
            indicator: figure.indicator.code,
            value: figure.value.toString(),
            period: figure.period,
            note: figure.note,
          })),
          evidence: [],
          // No milestone entries: ganzhou has no accepted measure list for the task.
          milestones: [],
        },
      };
    };
    const latestRevision = async (id: number) =>
      db.reportRevision.findFirstOrThrow({
        where: { reportId: id },
        orderBy: { version: "desc" },
        select: { version: true, snapshot: true },
      });
    const saved = await save("ganzhou", {
      taskNumber: "21",
      quarter: "2025Q3",
      "figure.SEWER_PIPES_BUILT.value": "320.1250",
      "figure.SEWER_PIPES_BUILT.period": "2025Q3",
      "figure.SEWER_PIPES_BUILT.note": "赣州",
    });
    expect(await latestRevision(saved.id)).toEqual(await stored(saved.id));
    const submitted = await save("ganzhou", { taskNumber: "21", quarter: "2025Q3", version: "1", intent: "submit", problems: "资金缺口" });
    expect(await latestRevision(saved.id)).toEqual(await stored(saved.id));
    expect((await stored(saved.id)).snapshot.figures).toEqual([]);
    await review("return", submitted, "请补充数据");
    expect(await latestRevision(saved.id)).toEqual(await stored(saved.id));
    const audit = await db.auditLog.findFirstOrThrow({
      where: { entity: "ProgressReport", entityId: String(saved.id) },
      orderBy: { id: "desc" },
      select: { action: true, after: true },
    });
    expect(audit).toEqual({ action: "report.return", after: { ...(await stored(saved.id)).snapshot, version: 3 } });
  });
});

describe("a retried request is recognised as the same only if it is the same in full", () => {
  const revisions = (reportId: number) => db.reportRevision.count({ where: { reportId } });
  const audits = (reportId: number) => db.auditLog.count({ where: { entity: "ProgressReport", entityId: String(reportId) } });
  const refusedAsReused = async (promise: Promise<unknown>) => {
    const error = (await promise.catch((caught: unknown) => caught)) as UserFacingError;
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain("同一请求标识");
  };

  it("answers a retried request with what it already wrote, once, and never applies it twice", async () => {
    const requestId = "6f1c1b2e-0a4b-4c1e-9d7e-2b7d5a8f9c01";
    const first = await save("jingdezhen", { taskNumber: "28", quarter: "2026Q3", intent: "submit", requestId });
    const retry = await save("jingdezhen", { taskNumber: "28", quarter: "2026Q3", intent: "submit", requestId });
    expect(retry).toEqual(first);
    expect(await revisions(first.id)).toBe(1);
    expect(await audits(first.id)).toBe(1);
  });

  it("never shows 已提交 for a draft: a lost 保存草稿 answer then 提交审核 under the same key is refused and changes nothing", async () => {
    const requestId = "0b0f5a7e-3c1d-4e2a-8f6b-9a1c2d3e4f50";
    const draft = await save("jingdezhen", { taskNumber: "29", quarter: "2026Q3", requestId });
    await refusedAsReused(save("jingdezhen", { taskNumber: "29", quarter: "2026Q3", intent: "submit", requestId }));
    expect(await db.progressReport.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, version: true } })).toEqual({
      status: "DRAFT",
      version: 1,
    });
    expect(await revisions(draft.id)).toBe(1);
    expect(await audits(draft.id)).toBe(1);
  });

  it("refuses a request that differs in any one part — intent, task, quarter, version, any field, any figure — under a used key", async () => {
    const requestId = "2c4e6a8b-1d3f-4a5b-9c7d-8e9f0a1b2c3d";
    const request = {
      taskNumber: "26",
      quarter: "2026Q3",
      requestId,
      problems: "资金",
      nextSteps: "继续",
      "figure.ZERO_WASTE_CITY_BUILT.value": "3",
      "figure.ZERO_WASTE_CITY_BUILT.period": "2026Q3",
      "figure.ZERO_WASTE_CITY_BUILT.note": "说明",
    };
    const first = await save("jingdezhen", request);
    const changes: FormFields[] = [
      { intent: "submit" },
      { taskNumber: "27" },
      { quarter: "2026Q2" },
      { version: "1" },
      { progressState: "BEHIND" },
      { percent: "61" },
      { progress: "另一段进展" },
      { problems: "另一个问题" },
      { nextSteps: "另一个计划" },
      { "figure.ZERO_WASTE_CITY_BUILT.value": "4" },
      { "figure.ZERO_WASTE_CITY_BUILT.period": "2026" },
      { "figure.ZERO_WASTE_CITY_BUILT.note": "另一个说明" },
      { "figure.ZERO_WASTE_CITY_BUILT.value": "" },
    ];
    for (const change of changes) await refusedAsReused(save("jingdezhen", { ...request, ...change }));
    // Someone else's request under this key gets neither the answer nor a write.
    await refusedAsReused(save("nanchang", request));
    expect(await revisions(first.id)).toBe(1);
    expect(await save("jingdezhen", request)).toEqual(first);
  });
});
