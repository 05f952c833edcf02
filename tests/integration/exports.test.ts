/**
 * The produced files, opened with a parser and checked against the database: the annual report
 * (.docx, GB/T 9704 layout) and Excel exports (typed cells, formula injection neutralised), plus
 * the narrative's versions and the import's refusals.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileAnnualReport, saveNarrative } from "@/lib/annual/annual-report";
import { listReports } from "@/lib/reports/read-reports";
import { listTasks } from "@/lib/plan/tasks";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { previewProgressImport, progressTemplate } from "@/lib/imports/progress-import";
import { applyObservationImport, observationTemplate, previewObservationImport } from "@/lib/imports/observation-import";
import { reportReadScope } from "@/lib/auth/roles";
import { annualReportDocx } from "@/lib/annual/annual-docx";
import { reportsSheet, tasksSheet } from "@/lib/exports/sheets";
import { buildWorkbook } from "@/lib/exports/workbook";
import { StaleWriteError } from "@/lib/core/errors";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const created: number[] = [];
let reviewer: SessionUser;
let staff: SessionUser;
const PROGRESS = "完成鄱阳湖总磷削减工程12项（导出测试）";

beforeAll(async () => {
  const id = async (username: string) => (await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;
  reviewer = (await findActiveSessionUser(await id("reviewer")))!;
  staff = (await findActiveSessionUser(await id("pingxiang")))!;
  const task = await db.task.findUniqueOrThrow({ where: { number: 22 }, select: { id: true } });
  const report = await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: staff.unitId!,
      year: 2026,
      quarter: 2,
      status: "ACCEPTED",
      progressState: "ON_TRACK",
      percent: 55,
      progress: PROGRESS,
      problems: '=HYPERLINK("http://example.invalid","点此")',
      nextSteps: "推进农业面源污染治理。",
      updatedById: staff.id,
      submittedAt: new Date("2026-07-05T02:00:00Z"),
      reviewedAt: new Date("2026-07-08T02:00:00Z"),
      reviewedById: reviewer.id,
    },
    select: { id: true },
  });
  created.push(report.id);
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: created } } });
  await db.annualReport.deleteMany({ where: { year: 2026 } });
  await db.$disconnect();
});

async function documentXml(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file("word/document.xml")!.async("string");
  const footers = await Promise.all(
    Object.keys(zip.files)
      .filter((name) => /^word\/footer\d*\.xml$/.test(name))
      .map((name) => zip.file(name)!.async("string")),
  );
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join("");
  return { xml, text, footers };
}

describe("the annual report in Word", () => {
  it("holds the year's accepted data: every task, every indicator, the consolidated reports", async () => {
    const report = await compileAnnualReport(2026);
    const { text } = await documentXml(await annualReportDocx(report));
    expect(text).toContain("美丽江西建设2026年度工作情况报告");
    const tasks = await db.task.findMany({ select: { title: true } });
    for (const task of tasks) expect(text, task.title).toContain(task.title);
    const indicators = await db.indicator.findMany({ select: { name: true } });
    for (const indicator of indicators) expect(text, indicator.name).toContain(indicator.name);
    // The province's latest accepted PM2.5 (other test files may accept a newer one through a report).
    const latest = await db.indicatorObservation.findFirstOrThrow({
      where: { indicator: { code: "PM25" }, area: "province", status: "ACCEPTED", quarter: 0 },
      orderBy: { year: "desc" },
    });
    expect(text).toContain(`${Number(latest.value)}（${latest.year}年）`);
    expect(text).toContain(`萍乡市：${PROGRESS}`);
    expect(text).toContain("推进农业面源污染治理。（萍乡市）");
    const task22 = report.sections[1]!.tasks.find((task) => task.number === 22)!;
    expect(task22).toMatchObject({ unitsReported: 1, averagePercent: 55 });
    expect(text).toContain(`本年度${task22.unitsTotal}个责任单位中1个报送并通过审核，平均完成55%`);
  });

  it("is laid out as an official document: A4, GB/T 9704 margins, 小标宋 title, 仿宋 body, real tables, page numbers", async () => {
    const { xml, footers } = await documentXml(await annualReportDocx(await compileAnnualReport(2026)));
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toMatch(/<w:spacing w:line="579" w:lineRule="exact"/);
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(footers.length).toBeGreaterThanOrEqual(2);
    for (const footer of footers) expect(footer).toMatch(/PAGE/);
  });

  it("keeps every version of the narrative, refuses an edit based on an old one, and uses the latest", async () => {
    const draft = (await compileAnnualReport(2026)).narrative;
    expect(await saveNarrative(2026, { ...draft, intro: "第一版总体情况。" }, 0, reviewer)).toBe(1);
    expect(await saveNarrative(2026, { ...draft, intro: "第二版总体情况。" }, 1, reviewer)).toBe(2);
    await expect(saveNarrative(2026, { ...draft, intro: "基于旧版的修改" }, 1, reviewer)).rejects.toBeInstanceOf(StaleWriteError);
    expect((await compileAnnualReport(2026)).narrative.intro).toBe("第二版总体情况。");
    expect(await db.annualReportRevision.count({ where: { year: 2026 } })).toBe(2);
    expect(await db.auditLog.count({ where: { entity: "AnnualReport", entityId: "2026" } })).toBe(2);
  });
});

async function readSheet(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0]!;
}

describe("Excel exports", () => {
  it("write the task list with Chinese headers, numbers as numbers and dates as dates", async () => {
    const tasks = await listTasks({});
    const sheet = await readSheet(await buildWorkbook([tasksSheet(tasks, "筛选条件：全部")]));
    const headerRow = 4; // three preface lines
    expect(sheet.getRow(headerRow).getCell(1).value).toBe("序号");
    expect(sheet.getRow(headerRow).getCell(6).value).toBe("截止日期");
    expect(sheet.rowCount - headerRow).toBe(60);
    const first = sheet.getRow(headerRow + 1);
    expect(first.getCell(1).value).toBe(1);
    expect(first.getCell(3).value).toBe(tasks[0]!.title);
    expect(first.getCell(6).value).toBeInstanceOf(Date);
    expect((first.getCell(6).value as Date).toISOString().slice(0, 10)).toBe(tasks[0]!.deadline.date);
    expect(first.getCell(7).value).toBe(tasks[0]!.units.map((unit) => unit.shortName).join("、"));
  });

  it("never lets text become a formula, and shows it exactly as written", async () => {
    const reports = await listReports(reportReadScope({ role: "API_TOKEN", unitId: null })!, { task: 22, unit: "pingxiang" });
    const sheet = await readSheet(await buildWorkbook([reportsSheet(reports, "")]));
    const row = sheet.getRow(5);
    expect(row.getCell(7).value).toBeCloseTo(0.55);
    expect(row.getCell(8).value).toBe(PROGRESS);
    // A string cell in Text format: Excel and WPS show it as text and keep it text when edited.
    expect(row.getCell(9).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(9).value).toBe('=HYPERLINK("http://example.invalid","点此")');
    expect(row.getCell(9).numFmt).toBe("@");
  });
});

describe("Excel import refusals", () => {
  async function filled(edit: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await progressTemplate(staff, { year: 2026, quarter: 3 }, "2026-11-25")) as unknown as ArrayBuffer);
    edit(workbook.getWorksheet("进展填报")!);
    return new File([Buffer.from(await workbook.xlsx.writeBuffer())], "进展.xlsx");
  }

  it("refuses formulas in cells, and keeps nothing", async () => {
    const before = await db.importBatch.count();
    const file = await filled((sheet) => {
      sheet.getCell("E4").value = "按计划推进";
      sheet.getCell("F4").value = { formula: "20+30", result: 50 };
      sheet.getCell("G4").value = "工作进展";
    });
    const preview = await previewProgressImport(file, staff, "2026-11-25");
    expect(preview.batchId).toBeNull();
    expect(preview.rows[0]!.errors).toContainEqual({ column: "完成百分比（0–100）", message: "不接受公式，请直接填写内容" });
    expect(await db.importBatch.count()).toBe(before);
  });

  it("never overwrites a submitted report, even when its row is added by hand", async () => {
    const task = await db.task.findUniqueOrThrow({ where: { number: 24 }, select: { id: true } });
    const submitted = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: staff.unitId!,
        year: 2026,
        quarter: 3,
        status: "SUBMITTED",
        progressState: "ON_TRACK",
        percent: 30,
        progress: "已提交的内容",
        updatedById: staff.id,
        submittedAt: new Date(),
      },
      select: { id: true },
    });
    created.push(submitted.id);
    const file = await filled((sheet) => {
      const row = sheet.getRow(sheet.rowCount + 1);
      row.getCell(1).value = 24;
      row.getCell(5).value = "按计划推进";
      row.getCell(6).value = 90;
      row.getCell(7).value = "试图覆盖";
    });
    const preview = await previewProgressImport(file, staff, "2026-11-25");
    expect(preview.batchId).toBeNull();
    expect(preview.rows.find((row) => row.taskNumber === 24)!.errors).toContainEqual({
      column: "当前状态",
      message: "该任务本季度报告已提交待审核，不能通过导入修改",
    });
    expect((await db.progressReport.findUniqueOrThrow({ where: { id: submitted.id }, select: { progress: true } })).progress).toBe(
      "已提交的内容",
    );
  });

  it("refuses another unit's template", async () => {
    const file = await filled(() => {});
    const other = (await findActiveSessionUser(
      (await db.user.findUniqueOrThrow({ where: { username: "xinyu" }, select: { id: true } })).id,
    ))!;
    const preview = await previewProgressImport(file, other, "2026-11-25");
    expect(preview.fileError).toBe("该模板属于萍乡市，不是新余市的模板，请下载本单位的模板");
  });
});

describe("Excel import of indicator values", () => {
  it("checks every row, refuses the file while one is wrong, then submits all values for review in one go", async () => {
    const lyj = (await findActiveSessionUser((await db.user.findUniqueOrThrow({ where: { username: "lyj" }, select: { id: true } })).id))!;
    const build = async (wetlandArea: string) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await observationTemplate(lyj, "2026-11-25")) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet("指标数值")!;
      const rowOf = (code: string) =>
        sheet.getRow(
          [...Array(sheet.rowCount).keys()].map((index) => index + 1).find((number) => sheet.getRow(number).getCell(1).value === code)!,
        );
      const forest = rowOf("FOREST_COVERAGE");
      forest.getCell(6).value = 63.2;
      forest.getCell(7).value = "2025年江西省国土绿化状况公报";
      const city = sheet.getRow(sheet.rowCount + 1);
      ["FOREST_COVERAGE", "森林覆盖率", "%", "南昌市", "2025", 25.1, "南昌市林业局"].forEach(
        (value, index) => (city.getCell(index + 1).value = value),
      );
      const wetland = rowOf("WETLAND_PROTECTION_RATE");
      wetland.getCell(4).value = wetlandArea;
      wetland.getCell(5).value = "2025";
      wetland.getCell(6).value = 62.5;
      wetland.getCell(7).value = "省林业局统计";
      return new File([Buffer.from(await workbook.xlsx.writeBuffer())], "指标.xlsx");
    };
    const before = await db.indicatorObservation.count();
    const bad = await previewObservationImport(await build("南昌市"), lyj);
    expect(bad.batchId).toBeNull();
    expect(bad.rows.find((row) => row.title === "湿地保护率")!.errors).toContainEqual({
      column: "地区（全省或设区市）",
      message: "该指标只统计全省数值",
    });
    expect(await db.indicatorObservation.count()).toBe(before);

    const good = await previewObservationImport(await build("全省"), lyj);
    expect(good.fileError).toBeNull();
    expect(good.batchId).not.toBeNull();
    expect(await applyObservationImport(good.batchId!, lyj)).toBe(3);
    await expect(applyObservationImport(good.batchId!, lyj)).rejects.toThrow("该文件已经导入过了");
    const stored = await db.indicatorObservation.findMany({
      where: { indicator: { code: { in: ["FOREST_COVERAGE", "WETLAND_PROTECTION_RATE"] } }, year: 2025, status: "SUBMITTED" },
      orderBy: [{ area: "asc" }],
      select: { area: true, value: true, indicator: { select: { code: true } } },
    });
    expect(stored.map((row) => [row.indicator.code, row.area, Number(row.value)])).toEqual(
      expect.arrayContaining([
        ["FOREST_COVERAGE", "province", 63.2],
        ["FOREST_COVERAGE", "nanchang", 25.1],
        ["WETLAND_PROTECTION_RATE", "province", 62.5],
      ]),
    );
    await db.indicatorObservation.deleteMany({
      where: { year: 2025, status: "SUBMITTED", indicator: { code: { in: ["FOREST_COVERAGE", "WETLAND_PROTECTION_RATE"] } } },
    });
  });
});
