/**
 * What leaves as .xlsx and .docx is safe whatever the stored text holds: text that looks like a
 * formula stays text and comes back from the template exactly as written, and characters XML
 * refuses (in rows saved before input refused them) never break a file.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { applyProgressImport, previewProgressImport, progressTemplate } from "@/lib/imports/progress-import";
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
