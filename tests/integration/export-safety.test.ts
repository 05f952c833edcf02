/**
 * What leaves as .xlsx and .docx is safe whatever the stored text holds: text that looks like a
 * formula stays text and comes back from the template exactly as written, and characters XML
 * refuses (in rows saved before input refused them) never break a file.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { applyProgressImport, previewProgressImport, progressTemplate } from "@/lib/imports/progress-import";
import { annualReportDocx } from "@/lib/annual/annual-docx";
import { compileAnnualReport } from "@/lib/annual/annual-report";
import { listReports } from "@/lib/reports/read-reports";
import { reportReadScope } from "@/lib/auth/roles";
import { reportsSheet } from "@/lib/exports/sheets";
import { buildWorkbook } from "@/lib/exports/workbook";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
const QUARTER = { year: 2026, quarter: 3 } as const;
const TODAY = "2026-11-25";
const created: number[] = [];
let staff: SessionUser;

beforeAll(async () => {
  staff = (await findActiveSessionUser((await db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true } })).id))!;
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: created } } });
  await db.$disconnect();
});

async function loadWorkbook(bytes: Buffer | ExcelJS.Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as ExcelJS.Buffer);
  return workbook;
}

/** The first tasks of staff's template: ones the unit owes this quarter and may still change. */
async function owedTaskNumbers(count: number): Promise<number[]> {
  const sheet = (await loadWorkbook(await progressTemplate(staff, QUARTER, TODAY))).getWorksheet("进展填报")!;
  return [4, 5, 6, 7, 8].map((row) => Number(sheet.getRow(row).getCell(1).value)).slice(0, count);
}

async function draft(taskNumber: number, texts: { progress: string; problems: string; nextSteps: string }) {
  const task = await db.task.findUniqueOrThrow({ where: { number: taskNumber }, select: { id: true } });
  const report = await db.progressReport.create({
    data: {
      taskId: task.id,
      unitId: staff.unitId!,
      ...QUARTER,
      status: "DRAFT",
      progressState: "ON_TRACK",
      percent: 10,
      ...texts,
      updatedById: staff.id,
    },
    select: { id: true },
  });
  created.push(report.id);
  return report.id;
}

const saved = (id: number) =>
  db.progressReport.findUniqueOrThrow({ where: { id }, select: { progress: true, problems: true, nextSteps: true, version: true } });

describe("text that looks like a formula", () => {
  it("is exported as text, with no escape character, and the template brings back exactly what was written", async () => {
    const [first, second] = await owedTaskNumbers(2);
    const texts = [
      { progress: "=SUM(A1)", problems: "+86 791", nextSteps: "-5%" },
      { progress: "@张三", problems: "'quoted", nextSteps: '=HYPERLINK("http://example.invalid","点此")' },
    ];
    const ids = [await draft(first!, texts[0]!), await draft(second!, texts[1]!)];

    const template = await progressTemplate(staff, QUARTER, TODAY);
    const sheet = (await loadWorkbook(template)).getWorksheet("进展填报")!;
    const cell = sheet.getRow(4).getCell(7);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe("=SUM(A1)");
    // Text format: Excel and WPS show it as text, and keep what is typed there as text.
    expect(cell.numFmt).toBe("@");
    expect(sheet.getRow(5).getCell(8).value).toBe("'quoted");

    const preview = await previewProgressImport(new File([new Uint8Array(template)], "进展.xlsx"), staff, TODAY);
    expect(preview.fileError).toBeNull();
    expect(preview.rows.filter((row) => row.action === "update").map((row) => row.taskNumber)).toEqual([first, second]);
    expect(await applyProgressImport(preview.batchId!, staff, TODAY)).toBe(2);
    for (const [index, id] of ids.entries()) expect(await saved(id)).toEqual({ ...texts[index], version: 2 });
  });

  it("loses only the escape a version 1 template added, never an apostrophe of the user's", async () => {
    const [, , third] = await owedTaskNumbers(3);
    const id = await draft(third!, { progress: "旧模板", problems: "", nextSteps: "" });
    const workbook = await loadWorkbook(await progressTemplate(staff, QUARTER, TODAY));
    workbook.getWorksheet("_模板信息")!.getCell("A2").value = "1";
    const row = workbook.getWorksheet("进展填报")!.getRow(6);
    // As version 1 wrote "=SUM(A1)" and "-5%", and a text that simply starts with an apostrophe.
    row.getCell(7).value = "'=SUM(A1)";
    row.getCell(8).value = "'-5%";
    row.getCell(9).value = "'quoted";
    const file = new File([new Uint8Array(await workbook.xlsx.writeBuffer())], "进展.xlsx");
    const preview = await previewProgressImport(file, staff, TODAY);
    expect(preview.fileError).toBeNull();
    await applyProgressImport(preview.batchId!, staff, TODAY);
    expect(await saved(id)).toMatchObject({ progress: "=SUM(A1)", problems: "-5%", nextSteps: "'quoted" });
  });
});

/** Every XML part of an .xlsx or .docx, parsed strictly: throws on the first character XML refuses. */
async function parseEveryPart(bytes: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const parts: Record<string, string> = {};
  for (const [name, file] of Object.entries(zip.files)) {
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue;
    parts[name] = await file.async("string");
    new SaxesParser().write(parts[name]).close();
  }
  return parts;
}

describe("characters XML refuses, in rows saved before input refused them", () => {
  // U+FFFE, U+FFFF, C0 controls (tab, line feed and carriage return are allowed and stay).
  const LEGACY = {
    progress: "鄱阳湖\uFFFE治理\u0001完成\uFFFF过半",
    problems: "资金\u000b缺口\u001f较大",
    nextSteps: "继续\u0008推进\t落实",
  };
  const CLEAN = { progress: "鄱阳湖治理完成过半", problems: "资金缺口较大", nextSteps: "继续推进\t落实" };
  let accepted: number;

  beforeAll(async () => {
    const reviewer = await db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } });
    const [task] = await owedTaskNumbers(1);
    const { id } = await db.task.findUniqueOrThrow({ where: { number: task! }, select: { id: true } });
    const report = await db.progressReport.create({
      data: {
        taskId: id,
        unitId: staff.unitId!,
        year: 2026,
        quarter: 2,
        status: "ACCEPTED",
        progressState: "ON_TRACK",
        percent: 50,
        ...LEGACY,
        reviewComment: "同意\u0002通过",
        updatedById: staff.id,
        submittedAt: new Date("2026-07-05T02:00:00Z"),
        reviewedAt: new Date("2026-07-08T02:00:00Z"),
        reviewedById: reviewer.id,
      },
      select: { id: true },
    });
    created.push(report.id);
    accepted = report.id;
  });

  it("are left out of an Excel export, which opens and keeps the rest of the text", async () => {
    const reports = (await listReports(reportReadScope({ role: "API_TOKEN", unitId: null })!, { unit: "jiujiang" })).filter(
      (report) => report.id === accepted,
    );
    expect(reports).toHaveLength(1);
    const bytes = await buildWorkbook([reportsSheet(reports, "筛选条件：q=\u0003")]);
    await parseEveryPart(bytes);
    const sheet = (await loadWorkbook(bytes)).worksheets[0]!;
    expect(sheet.getRow(2).getCell(1).value).toBe("筛选条件：q=");
    const row = sheet.getRow(5);
    expect([row.getCell(8).value, row.getCell(9).value, row.getCell(10).value]).toEqual([CLEAN.progress, CLEAN.problems, CLEAN.nextSteps]);
    expect(row.getCell(14).value).toBe("同意通过");
  });

  it("are left out of the Word annual report, which parses and keeps the rest of the text", async () => {
    const parts = await parseEveryPart(await annualReportDocx(await compileAnnualReport(2026)));
    const text = [...parts["word/document.xml"]!.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((match) => match[1]).join("");
    expect(text).toContain(`九江市：${CLEAN.progress}`);
    expect(text).toContain(`${CLEAN.problems}。（九江市）`);
  });

  it("are left out of the import template, which opens and imports again", async () => {
    const [, , , fourth] = await owedTaskNumbers(4);
    await draft(fourth!, LEGACY);
    const template = await progressTemplate(staff, QUARTER, TODAY);
    await parseEveryPart(template);
    const row = (await loadWorkbook(template)).getWorksheet("进展填报")!.getRow(7);
    expect([row.getCell(7).value, row.getCell(8).value, row.getCell(9).value]).toEqual([CLEAN.progress, CLEAN.problems, CLEAN.nextSteps]);
    const preview = await previewProgressImport(new File([new Uint8Array(template)], "进展.xlsx"), staff, TODAY);
    expect(preview.fileError).toBeNull();
  });
});
