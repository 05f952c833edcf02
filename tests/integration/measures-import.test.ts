/**
 * The measures template (举措清单模板) against a real database: pre-filled with the unit's tasks,
 * one row per milestone; an upload with one bad cell is refused whole, naming the row and column;
 * a correct one becomes draft lists, all in one transaction, audited.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { applyMeasuresImport, measuresTemplate, previewMeasuresImport } from "@/lib/measures/measures-import";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

let staff: SessionUser;
beforeAll(async () => {
  const row = await db.user.findUniqueOrThrow({ where: { username: "xinyu" }, select: { id: true } });
  staff = (await findActiveSessionUser(row.id))!;
});

const YEAR = 2027;

async function filled(edit: (sheet: ExcelJS.Worksheet, rowOfTask: (task: number) => number) => void) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await measuresTemplate(staff, YEAR)) as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("举措清单")!;
  const rowOfTask = (task: number) => {
    for (let row = 4; row <= sheet.rowCount; row++) if (sheet.getRow(row).getCell(1).value === task) return row;
    throw new Error(`task ${task} not in the template`);
  };
  edit(sheet, rowOfTask);
  return new File([Buffer.from(await workbook.xlsx.writeBuffer())], "举措.xlsx");
}

/** Task 3 with one measure of two milestones (the second on a copied row), task 4 with one. */
function fill(sheet: ExcelJS.Worksheet, rowOfTask: (task: number) => number, badDate = "2027-09-30") {
  const first = sheet.getRow(rowOfTask(3));
  const values = ["配合", 1, "推进园区循环化改造", "市发改委 赵科长", 300, null, "市级财政", "完成园区诊断", "2027-03-31", "诊断报告"];
  values.forEach((value, index) => (first.getCell(index + 3).value = value));
  const extra = sheet.getRow(sheet.rowCount + 1);
  [3, "（复制行）", "配合", 1, null, null, null, null, null, "完成改造验收", badDate, "验收报告"].forEach(
    (value, index) => (extra.getCell(index + 1).value = value),
  );
  const other = sheet.getRow(rowOfTask(4));
  ["配合", 1, "推进工业固废综合利用", "市工信局 钱科长", null, null, null, "项目开工", "2027-05-31", "开工报告"].forEach(
    (value, index) => (other.getCell(index + 3).value = value),
  );
}

describe("the measures template", () => {
  it("lists every task the unit carries, one row each while it has no measures yet", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await measuresTemplate(staff, YEAR)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("举措清单")!;
    expect(sheet.getRow(3).getCell(11).value).toBe("计划完成日期（如 2026-06-30）");
    const carried = await db.taskUnit.count({ where: { unitId: staff.unitId! } });
    expect(sheet.rowCount - 3).toBe(carried);
    expect(sheet.getRow(4).getCell(3).dataValidation?.formulae).toEqual(['"牵头,配合"']);
  });

  it("refuses the whole file for one bad cell, naming its row and column, and writes nothing", async () => {
    const file = await filled((sheet, rowOfTask) => fill(sheet, rowOfTask, "2027-02-30x"));
    const preview = await previewMeasuresImport(file, staff);
    expect(preview.batchId).toBeNull();
    const failing = preview.rows.filter((row) => row.errors.length > 0);
    expect(failing).toHaveLength(1);
    expect(failing[0]!.taskNumber).toBe(3);
    expect(failing[0]!.errors).toEqual([
      { column: "计划完成日期（如 2026-06-30）", message: "日期格式应为 2026-06-30，且须是实际存在的日期" },
    ]);
    expect(await db.measureList.count({ where: { unitId: staff.unitId!, year: YEAR } })).toBe(0);
  });

  it("refuses a date that does not exist (2 月 30 日), rather than rolling it into March", async () => {
    const preview = await previewMeasuresImport(await filled((sheet, rowOfTask) => fill(sheet, rowOfTask, "2027-02-30")), staff);
    expect(preview.batchId).toBeNull();
    expect(preview.rows.flatMap((row) => row.errors)).toEqual([
      { column: "计划完成日期（如 2026-06-30）", message: "日期格式应为 2026-06-30，且须是实际存在的日期" },
    ]);
  });

  it("writes every filled task as a draft list once confirmed, in one audited batch", async () => {
    const preview = await previewMeasuresImport(await filled((sheet, rowOfTask) => fill(sheet, rowOfTask)), staff);
    expect(preview.fileError).toBeNull();
    expect(preview.rows.filter((row) => row.errors.length > 0)).toEqual([]);
    expect(await applyMeasuresImport(preview.batchId!, staff)).toBe(2);
    const lists = await db.measureList.findMany({
      where: { unitId: staff.unitId!, year: YEAR },
      orderBy: { task: { number: "asc" } },
      select: {
        status: true,
        task: { select: { number: true } },
        measures: { select: { text: true, fundsPlanned: true, milestones: { orderBy: { position: "asc" }, select: { title: true } } } },
      },
    });
    expect(
      lists.map((list) => [list.task.number, list.status, list.measures.map((measure) => measure.milestones.map((m) => m.title))]),
    ).toEqual([
      [3, "DRAFT", [["完成园区诊断", "完成改造验收"]]],
      [4, "DRAFT", [["项目开工"]]],
    ]);
    expect(lists[0]!.measures[0]!.fundsPlanned?.toString()).toBe("300");
    expect(await db.auditLog.count({ where: { entity: "ImportBatch", entityId: String(preview.batchId) } })).toBe(1);
    expect(await db.measureListRevision.count({ where: { list: { unitId: staff.unitId!, year: YEAR } } })).toBe(2);
    await expect(applyMeasuresImport(preview.batchId!, staff)).rejects.toThrow("该文件已经导入过了");
  });
});
