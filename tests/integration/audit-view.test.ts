/**
 * The audit log as the auditor reads and exports it, and the China time of every exported moment,
 * against the real database and through the route handlers: filters by person, unit, action and
 * China-time day return exactly the rows they name, pages are bounded and walk both ways, bad
 * filters are refused in Chinese, and the Excel files hold the stored instants + 8 h.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AUDIT_PAGE_SIZE, listAuditEntries } from "@/lib/audit/read-audit-log";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { issuesText } from "@/lib/core/schemas";
import { UserFacingError } from "@/lib/core/errors";
import * as auditExportRoute from "@/app/api/exports/audit.xlsx/route";
import * as reportsExportRoute from "@/app/api/exports/reports.xlsx/route";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const ORIGIN = "http://localhost:3000";
const get = (path: string) => new Request(`${ORIGIN}${path}`);
const HOURS_8 = 8 * 3_600_000;

const ids: Record<string, string> = {};
let reportId = 0;
let reminderId = 0;
const SUBMITTED_AT = new Date("2026-03-05T17:30:00Z"); // 2026-03-06 01:30 in China: another day there.
const REVIEWED_AT = new Date("2026-03-09T08:15:00Z");

beforeAll(async () => {
  const userId = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
  const [jian, xinyu, reviewer] = await Promise.all([userId("jian"), userId("xinyu"), userId("reviewer")]);
  const [task, unit] = await Promise.all([
    db.task.findUniqueOrThrow({ where: { number: 9 }, select: { id: true } }),
    db.unit.findUniqueOrThrow({ where: { code: "jian" }, select: { id: true } }),
  ]);
  reportId = (
    await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: unit.id,
        year: 2025,
        quarter: 4,
        status: "ACCEPTED",
        progressState: "ON_TRACK",
        percent: 60,
        progress: "审计与导出测试",
        updatedById: jian,
        submittedAt: SUBMITTED_AT,
        reviewedAt: REVIEWED_AT,
        reviewedById: reviewer,
      },
      select: { id: true },
    })
  ).id;
  reminderId = (
    await db.reminder.create({
      data: { unitId: unit.id, year: 2025, quarter: 4, level: "REMIND", message: "审计测试催办", createdById: reviewer },
      select: { id: true },
    })
  ).id;
  // One China-time day, 2025-01-15, and its edges: rows written by three people, about 吉安市 or not.
  const rows = [
    {
      key: "beforeDay",
      at: "2025-01-14T15:59:59Z",
      actorId: jian,
      action: "report.save",
      entity: "ProgressReport",
      entityId: String(reportId),
    },
    {
      key: "jianSave",
      at: "2025-01-14T16:00:00Z",
      actorId: jian,
      action: "report.save",
      entity: "ProgressReport",
      entityId: String(reportId),
    },
    {
      key: "jianSubmit",
      at: "2025-01-15T15:59:59Z",
      actorId: jian,
      action: "report.submit",
      entity: "ProgressReport",
      entityId: String(reportId),
    },
    {
      key: "reviewerAccept",
      at: "2025-01-15T06:00:00Z",
      actorId: reviewer,
      action: "report.accept",
      entity: "ProgressReport",
      entityId: String(reportId),
    },
    {
      key: "reviewerRemind",
      at: "2025-01-15T07:00:00Z",
      actorId: reviewer,
      action: "reminder.remind",
      entity: "Reminder",
      entityId: String(reminderId),
    },
    { key: "xinyuSave", at: "2025-01-15T08:00:00Z", actorId: xinyu, action: "report.save", entity: "ProgressReport", entityId: "999999" },
    {
      key: "afterDay",
      at: "2025-01-15T16:00:00Z",
      actorId: jian,
      action: "report.save",
      entity: "ProgressReport",
      entityId: String(reportId),
    },
  ];
  for (const { key, at, ...row } of rows) {
    const created = await db.auditLog.create({
      data: {
        ...row,
        at: new Date(at),
        before: key === "reviewerAccept" ? { status: "SUBMITTED", percent: 50 } : undefined,
        after: key === "reviewerAccept" ? { status: "ACCEPTED", percent: 60, version: 3 } : { status: "DRAFT" },
      },
      select: { id: true },
    });
    ids[key] = created.id.toString();
  }
  // Paging: more rows than a page, on a day of their own.
  await db.auditLog.createMany({
    data: Array.from({ length: AUDIT_PAGE_SIZE + 3 }, (_, index) => ({
      at: new Date(Date.UTC(2025, 1, 1, 2, 0, index)),
      actorId: xinyu,
      action: "auth.signin",
      entity: "User",
      entityId: "xinyu",
      after: { address: "10.0.0.8" },
    })),
  });
});

afterAll(async () => {
  signOut();
  await db.progressReport.deleteMany({ where: { id: reportId } });
  await db.reminder.deleteMany({ where: { id: reminderId } });
  await db.$disconnect();
});

const idsOf = async (query: Record<string, string>) =>
  (await listAuditEntries(auditQuerySchema.parse(query))).entries.map((entry) => entry.id);
const DAY = { from: "2025-01-15", to: "2025-01-15" };

describe("the audit log's filters", () => {
  it("by China-time day: from 00:00 to 23:59:59 there, the edges included and nothing beyond", async () => {
    expect(await idsOf(DAY)).toEqual(
      ["jianSubmit", "xinyuSave", "reviewerRemind", "reviewerAccept", "jianSave"]
        .map((key) => ids[key])
        .sort((a, b) => Number(b) - Number(a)),
    );
  });

  it("by person, by unit (its people, its reports and its 催办) and by action", async () => {
    expect(await idsOf({ ...DAY, actor: "jian" })).toEqual([ids.jianSubmit, ids.jianSave]);
    expect(new Set(await idsOf({ ...DAY, unit: "jian" }))).toEqual(
      new Set([ids.jianSubmit, ids.jianSave, ids.reviewerAccept, ids.reviewerRemind]),
    );
    expect(await idsOf({ ...DAY, action: "report.save" })).toEqual([ids.xinyuSave, ids.jianSave]);
    expect(await idsOf({ ...DAY, actor: "reviewer", unit: "jian", action: "reminder.remind" })).toEqual([ids.reviewerRemind]);
  });

  it("shows each row in Chinese: the action, the object and the difference field by field", async () => {
    const { entries } = await listAuditEntries(auditQuerySchema.parse({ ...DAY, action: "report.accept" }));
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry!.actionLabel).toBe("审核通过进展报告");
    expect(entry!.object).toBe(`进展报告 · 任务9 · 吉安市 · 2025年第四季度 · 编号${reportId}`);
    expect(entry!.changes).toEqual([
      { field: "状态", before: "已提交待审核", after: "已通过" },
      { field: "完成百分比", before: "50", after: "60" },
    ]);
    const [remind] = (await listAuditEntries(auditQuerySchema.parse({ ...DAY, action: "reminder.remind" }))).entries;
    expect(remind!.object).toBe("催办/通报 · 吉安市 · 2025年第四季度");
    expect(remind!.actor).toMatchObject({ displayName: "省生态环境厅审核人", unit: "省生态环境厅" });
  });

  it("pages a long result by keyset, both ways, never more than a page at once", async () => {
    const query = { from: "2025-02-01", to: "2025-02-01", actor: "xinyu" };
    const first = await listAuditEntries(auditQuerySchema.parse(query));
    expect(first.total).toBe(AUDIT_PAGE_SIZE + 3);
    expect(first.entries).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.newer).toBeNull();
    const second = await listAuditEntries(auditQuerySchema.parse({ ...query, before: first.older! }));
    expect(second.entries).toHaveLength(3);
    expect(second.older).toBeNull();
    expect(Number(second.entries[0]!.id)).toBeLessThan(Number(first.entries.at(-1)!.id));
    const back = await listAuditEntries(auditQuerySchema.parse({ ...query, after: second.newer! }));
    expect(back.entries.map((entry) => entry.id)).toEqual(first.entries.map((entry) => entry.id));
    expect(back.newer).toBeNull();
  });

  it("refuses bad filters in Chinese, and an unknown person or unit", async () => {
    const refused = (query: Record<string, string>) => {
      const parsed = auditQuerySchema.safeParse(query);
      expect(parsed.success).toBe(false);
      return parsed.success ? "" : issuesText(parsed.error);
    };
    expect(refused({ from: "2025-02-30" })).toBe("开始日期应为有效日期，如 2026-12-02");
    expect(refused({ from: "2025-02-01", to: "2025-01-01" })).toBe("结束日期不能早于开始日期");
    expect(refused({ unit: "Jian'; --" })).toBe("单位无效");
    await expect(listAuditEntries(auditQuerySchema.parse({ actor: "nobody_here" }))).rejects.toThrow(UserFacingError);
    await expect(listAuditEntries(auditQuerySchema.parse({ unit: "atlantis" }))).rejects.toThrow("所选单位不存在");
  });
});

async function workbookOf(response: Response) {
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheet = workbook.worksheets[0]!;
  const headerRow = [...Array(sheet.rowCount).keys()]
    .map((index) => index + 1)
    .find((row) => sheet.getRow(row).getCell(1).value === (sheet.name === "审计日志" ? "序号" : "季度"))!;
  const text = (row: number, column: number) => sheet.getRow(row).getCell(column).text;
  const header = [...Array(sheet.columnCount).keys()].map((index) => text(headerRow, index + 1));
  const rows = [...Array(sheet.rowCount - headerRow).keys()].map((index) => sheet.getRow(headerRow + 1 + index));
  const cell = (row: ExcelJS.Row, name: string) => row.getCell(header.indexOf(name) + 1).value;
  const preface = [...Array(headerRow - 1).keys()].map((index) => text(index + 1, 1));
  return { header, rows, cell, preface };
}

describe("Excel exports in China time", () => {
  it("the reports export holds the stored submission and review instants + 8 h, and names the filters in Chinese", async () => {
    await signInAs(db, "reviewer");
    const { header, rows, cell, preface } = await workbookOf(
      await reportsExportRoute.GET(get("/api/exports/reports.xlsx?city=jian&quarter=2025Q4&status=ACCEPTED")),
    );
    expect(header).toContain("提交时间（北京时间）");
    expect(header).toContain("审核时间（北京时间）");
    const row = rows.find((candidate) => cell(candidate, "工作进展") === "审计与导出测试")!;
    expect((cell(row, "提交时间（北京时间）") as Date).getTime()).toBe(SUBMITTED_AT.getTime() + HOURS_8);
    expect((cell(row, "提交时间（北京时间）") as Date).toISOString()).toBe("2026-03-06T01:30:00.000Z");
    expect((cell(row, "审核时间（北京时间）") as Date).getTime()).toBe(REVIEWED_AT.getTime() + HOURS_8);
    expect(preface[1]).toBe("筛选条件：设区市 吉安市，2025年第四季度，状态 已通过");
    expect(preface.join("")).not.toMatch(/jian|city=|quarter=/);
  });

  it("the audit export applies the page's filters, in Chinese and China time, and is itself audited with them", async () => {
    await signInAs(db, "auditor");
    const response = await auditExportRoute.GET(get("/api/exports/audit.xlsx?actor=jian&from=2025-01-15&to=2025-01-15"));
    const { header, rows, cell, preface } = await workbookOf(response);
    expect(rows.map((row) => row.getCell(header.indexOf("序号") + 1).text)).toEqual([ids.jianSave, ids.jianSubmit]);
    expect(rows.map((row) => cell(row, "操作"))).toEqual(["保存报告草稿", "提交进展报告"]);
    expect(header).toContain("时间（北京时间）");
    const stored = await db.auditLog.findMany({
      where: { id: { in: [BigInt(ids.jianSave!), BigInt(ids.jianSubmit!)] } },
      orderBy: { id: "asc" },
    });
    expect(rows.map((row) => (cell(row, "时间（北京时间）") as Date).getTime())).toEqual(stored.map((row) => row.at.getTime() + HOURS_8));
    expect(rows.map((row) => cell(row, "哈希"))).toEqual(stored.map((row) => row.hash));
    expect(preface[1]).toMatch(/^筛选条件：操作人 .+，时间 2025年1月15日至2025年1月15日（北京时间）$/);
    const audited = await db.auditLog.findFirstOrThrow({ where: { action: "audit.export" }, orderBy: { id: "desc" } });
    expect(audited.after).toMatchObject({ rows: 2, filters: { actor: "jian", from: "2025-01-15", to: "2025-01-15" } });
  });

  it("refuses a bad filter with 400 and a Chinese message, and exports nothing", async () => {
    await signInAs(db, "auditor");
    const response = await auditExportRoute.GET(get("/api/exports/audit.xlsx?from=2025-02-01&to=2025-01-01"));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("查询参数无效：结束日期不能早于开始日期");
    const unknown = await auditExportRoute.GET(get("/api/exports/audit.xlsx?actor=nobody_here"));
    expect(unknown.status).toBe(400);
  });
});
