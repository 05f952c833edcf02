/**
 * Units' annual written reports (年度工作情况) against a real database: the draft is written from
 * the unit's accepted quarterly reports, measures and milestones, accepted values and 需协调事项
 * (never from a draft report); staff save and submit their own unit's report with an optional
 * sealed PDF (checked by content), the reviewer sets the deadline, returns and accepts; stale
 * writes are refused naming who; another unit cannot read or write it; GET /api/v1/unit-reports/{year}
 * answers in the contract's shape; the Word file holds the text.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError, StaleWriteError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { unitReportDeadlineSchema, unitReportFormSchema, unitReportReviewSchema, unitReportUnlockSchema } from "@/lib/unit-reports/schemas";
import {
  readUnitReport,
  reviewUnitReport,
  saveUnitReport,
  sealedFileForDownload,
  setUnitReportDeadline,
  unitReportDesk,
  unitReportTodo,
  unlockUnitReport,
} from "@/lib/unit-reports/unit-reports";
import { unitReportDocx } from "@/lib/unit-reports/unit-report-docx";
import { UnitReportListBodySchema } from "@/lib/api/unit-reports.contract";
import { issueApiToken } from "@/lib/admin/api-tokens";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
// What this file made for 上饶市 (and the year's unit reports) goes again, so that the files after
// it (dashboard rankings, the brief's coordination section, milestone lights) see the seeded data.
afterAll(async () => {
  const unit = { code: "shangrao" };
  await db.coordinationIssue.deleteMany({ where: { raisedByUnit: unit, title: "排污口整治资金支持" } });
  await db.completionCheck.deleteMany({ where: { milestone: { measure: { list: { unit, year: YEAR } } } } });
  await db.measureList.deleteMany({ where: { unit, year: YEAR } });
  await db.indicatorObservation.deleteMany({ where: { area: "shangrao", year: YEAR, sourceReportId: { not: null } } });
  await db.progressReport.deleteMany({ where: { unit, year: YEAR } });
  await db.unitAnnualReport.deleteMany({ where: { year: YEAR } });
  await db.unitReportRound.deleteMany({ where: { year: YEAR } });
  await db.$disconnect();
});

const YEAR = 2025;
const ACCEPTED_TEXT = "完成全市生态环境分区管控动态更新。组织开展入河排污口专项排查";
const DRAFT_MARKER = "草稿内容不应出现在年度报告中";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

const users: Record<string, SessionUser> = {};
beforeAll(async () => {
  for (const username of ["shangrao", "yichun", "reviewer", "leader", "admin"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
  const unit = await db.unit.findUniqueOrThrow({ where: { code: "shangrao" }, select: { id: true } });
  const [task1, task2] = await Promise.all([1, 2].map((number) => db.task.findUniqueOrThrow({ where: { number }, select: { id: true } })));
  const base = { unitId: unit.id, year: YEAR, progressState: "ON_TRACK" as const, updatedById: users.shangrao!.id };
  const accepted = await db.progressReport.create({
    data: {
      ...base,
      taskId: task1!.id,
      quarter: 4,
      status: "ACCEPTED",
      percent: 80,
      progress: `${ACCEPTED_TEXT}。`,
      problems: "专项资金到位偏慢。",
      nextSteps: "加快推进排污口整治销号。",
      submittedAt: new Date("2026-01-05T02:00:00Z"),
      reviewedAt: new Date("2026-01-08T02:00:00Z"),
      reviewedById: users.reviewer!.id,
    },
    select: { id: true },
  });
  await db.progressReport.create({
    data: { ...base, taskId: task2!.id, quarter: 4, status: "DRAFT", percent: 10, progress: DRAFT_MARKER },
  });
  const indicator = await db.indicator.findFirstOrThrow({ orderBy: { code: "asc" }, select: { id: true, name: true } });
  await db.indicatorObservation.create({
    data: {
      indicatorId: indicator.id,
      area: "shangrao",
      year: YEAR,
      value: "42.5",
      source: "季度报告",
      status: "ACCEPTED",
      sourceReportId: accepted.id,
    },
  });
  const list = await db.measureList.create({
    data: { taskId: task1!.id, unitId: unit.id, year: YEAR, role: "SUPPORT", status: "ACCEPTED", updatedById: users.shangrao!.id },
    select: { id: true },
  });
  const measure = await db.measure.create({
    data: { listId: list.id, position: 1, text: "排污口整治", responsible: "市生态环境局" },
    select: { id: true },
  });
  const done = await db.milestone.create({
    data: {
      measureId: measure.id,
      position: 1,
      title: "完成排污口排查",
      plannedDate: new Date("2025-06-30T00:00:00Z"),
      deliverable: "排查报告",
      status: "DONE",
    },
    select: { id: true },
  });
  await db.milestone.create({
    data: {
      measureId: measure.id,
      position: 2,
      title: "完成整治验收",
      plannedDate: new Date("2025-09-30T00:00:00Z"),
      deliverable: "验收报告",
    },
  });
  await db.completionCheck.create({
    data: {
      subject: "MILESTONE",
      milestoneId: done.id,
      checkedOn: new Date("2025-07-10T00:00:00Z"),
      method: "DOCUMENTS",
      passed: true,
      finding: "资料齐全",
      verifierId: users.reviewer!.id,
    },
  });
  const addressed = await db.unit.findUniqueOrThrow({ where: { code: "czt" }, select: { id: true } });
  await db.coordinationIssue.create({
    data: {
      taskId: task1!.id,
      raisedByUnitId: unit.id,
      raisedById: users.shangrao!.id,
      addressedToUnitId: addressed.id,
      title: "排污口整治资金支持",
      detail: "请省财政厅协调专项资金",
      createdAt: new Date("2025-08-01T02:00:00Z"),
    },
  });
});

const form = (version: number, intent: "save" | "submit", extra: Record<string, unknown> = {}) =>
  unitReportFormSchema.parse({
    year: String(YEAR),
    version: String(version),
    intent,
    overview: "上饶市2025年总体情况（已修改）",
    tasks: "任务推进情况",
    milestones: "节点完成情况",
    indicators: "指标完成情况",
    problems: "存在问题",
    nextSteps: "下一步工作安排",
    signatory: "上饶市人民政府",
    signedOn: "2026-01-10",
    ...extra,
  });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("a unit's annual report", () => {
  it("is pre-filled from accepted reports, milestones, values and 需协调事项, never from a draft report", async () => {
    const view = (await readUnitReport(users.shangrao!, YEAR, "shangrao"))!;
    expect(view.status).toBe("NOT_STARTED");
    expect(view.editable).toBe(true);
    expect(view.signatory).toBe((await db.unit.findUniqueOrThrow({ where: { code: "shangrao" } })).name);
    expect(view.signedOn).toBe(chinaToday());
    // Other files may have accepted more of 上饶市's 2025 reports (bulk-and-carry): count what is there.
    const accepted = await db.progressReport.count({ where: { unit: { code: "shangrao" }, year: YEAR, status: "ACCEPTED" } });
    expect(view.drafts.overview).toContain(`报送并通过审核季度进展报告${accepted}份`);
    expect(view.drafts.tasks).toContain(ACCEPTED_TEXT);
    expect(view.drafts.tasks).toContain("完成进度80%");
    expect(view.drafts.milestones).toContain("已完成1个，其中通过销号核查1个");
    expect(view.drafts.milestones).toContain("“完成整治验收”（计划2025年9月30日）：逾期未完成");
    expect(view.drafts.indicators).toContain("42.5");
    expect(view.drafts.problems).toContain("专项资金到位偏慢");
    expect(view.drafts.problems).toContain("已提请省财政厅协调“排污口整治资金支持”");
    expect(view.drafts.nextSteps).toContain("加快推进排污口整治销号");
    expect(JSON.stringify(view.drafts)).not.toContain(DRAFT_MARKER);
    expect(view.sections).toEqual(view.drafts);
  });

  it("another unit cannot read it, the reviewer sees no draft, leaders only accepted ones", async () => {
    await saveUnitReport(form(0, "save"), users.shangrao!);
    expect(await readUnitReport(users.yichun!, YEAR, "shangrao")).toBeNull();
    expect(await readUnitReport(users.reviewer!, YEAR, "shangrao")).toBeNull();
    expect(await readUnitReport(users.leader!, YEAR, "shangrao")).toBeNull();
    expect(await readUnitReport(users.admin!, YEAR, "shangrao")).toBeNull();
    // A save by 宜春市 staff writes 宜春市's own report, never 上饶市's.
    await saveUnitReport(form(0, "save", { overview: "宜春市的报告" }), users.yichun!);
    const shangrao = (await readUnitReport(users.shangrao!, YEAR, "shangrao"))!;
    expect(shangrao.sections.overview).toBe("上饶市2025年总体情况（已修改）");
    expect((await refusal(saveUnitReport(form(1, "save"), users.reviewer!))).code).toBe("FORBIDDEN");
  });

  it("refuses a stale save naming who saved, and a file that is not a PDF by its content", async () => {
    const stale = await refusal(saveUnitReport(form(0, "save"), users.shangrao!));
    expect(stale).toBeInstanceOf(StaleWriteError);
    expect(stale.message).toContain(users.shangrao!.displayName);
    const fake = new File([Buffer.from("这不是 PDF")], "盖章件.pdf", { type: "application/pdf" });
    const refused = await refusal(saveUnitReport(form(1, "save", { sealedFile: fake }), users.shangrao!));
    expect(refused.message).toContain("只接受 PDF");
    expect(refused.fieldErrors.sealedFile).toBeDefined();
    const row = await db.unitAnnualReport.findFirstOrThrow({ where: { year: YEAR, unit: { code: "shangrao" } } });
    expect(row.version).toBe(1);
    expect(row.sealedFileSha256).toBeNull();
  });

  it("is submitted with its sealed PDF, returned with a comment, resubmitted and accepted, each a revision and audit row", async () => {
    const pdf = new File([PDF], "上饶市盖章件.pdf", { type: "application/pdf" });
    const submitted = await saveUnitReport(form(1, "submit", { sealedFile: pdf }), users.shangrao!);
    expect(submitted).toMatchObject({ version: 2, status: "SUBMITTED" });
    const file = (await sealedFileForDownload(users.reviewer!, YEAR, "shangrao"))!;
    expect(file.fileName).toBe("上饶市盖章件.pdf");
    expect(file.bytes.equals(PDF)).toBe(true);
    expect(await sealedFileForDownload(users.yichun!, YEAR, "shangrao")).toBeNull();
    expect((await refusal(saveUnitReport(form(2, "save"), users.shangrao!))).message).toContain("已提交");

    const id = submitted.id;
    const review = (version: number, decision: "accept" | "return", comment = "") =>
      reviewUnitReport(
        unitReportReviewSchema.parse({ reportId: String(id), version: String(version), decision, comment }),
        users.reviewer!,
      );
    expect(() => unitReportReviewSchema.parse({ reportId: String(id), version: "2", decision: "return", comment: "" })).toThrow();
    await review(2, "return", "请补充指标完成情况");
    expect((await refusal(review(2, "accept"))).message).toContain("已于");
    const returned = (await readUnitReport(users.shangrao!, YEAR, "shangrao"))!;
    expect(returned.status).toBe("RETURNED");
    expect(returned.report?.reviewComment).toBe("请补充指标完成情况");
    expect(returned.editable).toBe(true);
    expect(await unitReportTodo(users.shangrao!)).toBeNull(); // no round yet

    await saveUnitReport(form(3, "submit", { indicators: "补充后的指标完成情况" }), users.shangrao!);
    await review(4, "accept");
    expect((await refusal(saveUnitReport(form(5, "save"), users.shangrao!))).message).toContain("已通过");
    const leaderView = (await readUnitReport(users.leader!, YEAR, "shangrao"))!;
    expect(leaderView.sections.indicators).toBe("补充后的指标完成情况");
    expect(leaderView.report?.sealedFileName).toBe("上饶市盖章件.pdf"); // kept when a later save sends no file

    await unlockUnitReport(unitReportUnlockSchema.parse({ reportId: String(id), version: "5", reason: "数据需更正" }), users.reviewer!);
    const revisions = await db.unitAnnualReportRevision.findMany({
      where: { reportId: id },
      orderBy: { version: "asc" },
      select: { version: true, action: true },
    });
    expect(revisions.map((revision) => revision.action)).toEqual([
      "unitReport.save",
      "unitReport.submit",
      "unitReport.return",
      "unitReport.resubmit",
      "unitReport.accept",
      "unitReport.unlock",
    ]);
    const audits = await db.auditLog.findMany({ where: { entity: "UnitAnnualReport", entityId: String(id) }, select: { action: true } });
    expect(audits).toHaveLength(6);
  });

  it("has a deadline the reviewer sets (versioned), against which the desk marks late units and 我的待办 asks", async () => {
    const set = (version: number, deadline: string) =>
      setUnitReportDeadline(unitReportDeadlineSchema.parse({ year: String(YEAR), version: String(version), deadline }), users.reviewer!);
    expect(
      (
        await refusal(
          setUnitReportDeadline(
            unitReportDeadlineSchema.parse({ year: String(YEAR), version: "0", deadline: "2026-01-15" }),
            users.shangrao!,
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    await set(0, "2026-01-15");
    expect((await refusal(set(0, "2026-01-20"))).message).toContain(users.reviewer!.displayName);
    await set(1, "2026-01-20");
    const desk = await unitReportDesk(YEAR, new Date("2026-02-01T00:00:00Z"));
    expect(desk.deadline).toBe("2026-01-20");
    expect(desk.rows).toHaveLength(await db.unit.count());
    const row = (code: string) => desk.rows.find((candidate) => candidate.unit.code === code)!;
    // 上饶市 first submitted now (after 2026-01-20): late; 宜春市 only has a draft and the deadline passed: late too.
    expect(row("shangrao")).toMatchObject({ status: "RETURNED", late: true, hasSealedFile: true });
    expect(row("yichun")).toMatchObject({ status: "DRAFT", late: true });
    expect(row("jian")).toMatchObject({ status: "NOT_STARTED", late: true });
    expect(await unitReportTodo(users.shangrao!)).toMatchObject({ year: YEAR, state: "returned", deadline: "2026-01-20" });
    expect(await unitReportTodo(users.yichun!)).toMatchObject({ year: YEAR, state: "due", deadline: "2026-01-20" });
  });

  it("opens as a Word file holding its title, sections, 署名 and 成文日期", async () => {
    const view = (await readUnitReport(users.shangrao!, YEAR, "shangrao"))!;
    const buffer = await unitReportDocx({
      unitName: view.unit.name,
      year: YEAR,
      sections: view.sections,
      signatory: view.signatory,
      signedOn: view.signedOn,
    });
    const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(`${view.unit.name}推进美丽江西建设2025年度工作情况报告`);
    expect(text).toContain("补充后的指标完成情况");
    expect(text).toContain("上饶市人民政府");
    expect(text).toContain("2026年1月10日");
  });
});

describe("GET /api/v1/unit-reports/{year}", () => {
  const call = async (path: string, init?: RequestInit) => {
    const { GET } = await import("@/app/api/v1/unit-reports/[year]/route");
    const year = new URL(`http://localhost:3000${path}`).pathname.split("/").pop()!;
    return GET(new Request(`http://localhost:3000${path}`, init), { params: Promise.resolve({ year }) });
  };

  it("lists every unit's status for an API token and the reviewer, refuses staff, a bad year and a bad kind in Chinese", async () => {
    const token = await issueApiToken("单位年度报告接口测试", users.admin!.id);
    const byToken = await call(`/api/v1/unit-reports/${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
    expect(byToken.status).toBe(200);
    const body = UnitReportListBodySchema.parse(await byToken.json());
    expect(body.data).toHaveLength(await db.unit.count());
    expect(body.data.find((row) => row.unit.code === "shangrao")).toMatchObject({
      unit: { name: "上饶市", kind: "city" },
      year: YEAR,
      status: "RETURNED",
      deadline: "2026-01-20",
      hasSealedFile: true,
    });

    await signInAs(db, "reviewer");
    const cities = UnitReportListBodySchema.parse(await (await call(`/api/v1/unit-reports/${YEAR}?kind=city`)).json());
    expect(cities.data).toHaveLength(11);
    const badKind = await call(`/api/v1/unit-reports/${YEAR}?kind=town`);
    expect(badKind.status).toBe(400);
    expect(((await badKind.json()) as { error: { message: string } }).error.message).toContain("kind 应为");
    const badYear = await call("/api/v1/unit-reports/1999");
    expect(badYear.status).toBe(404);
    expect(((await badYear.json()) as { error: { message: string } }).error.message).toContain("年度无效");

    await signInAs(db, "shangrao");
    expect((await call(`/api/v1/unit-reports/${YEAR}`)).status).toBe(403);
    signOut();
    expect((await call(`/api/v1/unit-reports/${YEAR}`)).status).toBe(401);
  });
});
