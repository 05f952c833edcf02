/**
 * Templates that staff download, fill in Excel or WPS and upload again: a visible sheet with a
 * fixed header row, and a hidden sheet naming the template, its version, the unit and the period
 * it was made for. Reading checks the file is really an .xlsx of ours, unchanged in shape, and
 * returns every data row's cells as text; formulas are refused, never evaluated.
 */
import ExcelJS from "exceljs";
import { fileTypeFromBuffer } from "file-type";
import { safeText } from "@/lib/exports/workbook";

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const META_SHEET = "_模板信息";
const TEMPLATE_VERSION = "1";

export interface TemplateColumn {
  key: string;
  header: string;
  width: number;
  /** Filled by the system; the user should not change it. */
  locked?: boolean;
  /** A drop-down list of allowed values. */
  list?: readonly string[];
  /** A whole number range. */
  whole?: [number, number];
}

export interface TemplateIdentity {
  kind: string;
  unit: string;
  period: string;
}

export interface TemplateSpec {
  identity: TemplateIdentity;
  sheetName: string;
  title: string;
  instructions: string;
  columns: readonly TemplateColumn[];
  rows: readonly Record<string, string | number | null>[];
  /** Lock the system columns (fixed rows); off where users add rows of their own. */
  protect?: boolean;
}

const HEADER_ROW = 3;
const FIRST_DATA_ROW = HEADER_ROW + 1;

export async function buildTemplate(spec: TemplateSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "美丽江西建设推进管理平台";
  const sheet = workbook.addWorksheet(spec.sheetName);
  sheet.getCell(1, 1).value = spec.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = spec.instructions;
  sheet.getCell(2, 1).font = { color: { argb: "FF475569" } };
  const header = sheet.getRow(HEADER_ROW);
  spec.columns.forEach((column, index) => {
    header.getCell(index + 1).value = column.header;
    sheet.getColumn(index + 1).width = column.width;
  });
  header.font = { bold: true };
  header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  spec.rows.forEach((values, rowIndex) => {
    const row = sheet.getRow(FIRST_DATA_ROW + rowIndex);
    spec.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const value = values[column.key];
      cell.value = typeof value === "string" ? safeText(value) : (value ?? null);
      cell.alignment = { wrapText: true, vertical: "top" };
      if (column.locked) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF1F5F9" } };
      else cell.protection = { locked: false };
      if (column.list) {
        cell.dataValidation = {
          type: "list",
          allowBlank: true,
          formulae: [`"${column.list.join(",")}"`],
          showErrorMessage: true,
          errorTitle: "输入有误",
          error: `请从下拉列表中选择：${column.list.join("、")}`,
        };
      }
      if (column.whole) {
        cell.dataValidation = {
          type: "whole",
          operator: "between",
          allowBlank: true,
          formulae: column.whole,
          showErrorMessage: true,
          errorTitle: "输入有误",
          error: `请填写 ${column.whole[0]}–${column.whole[1]} 的整数`,
        };
      }
    });
  });
  sheet.views = [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 2 }];
  // Guidance, not security: the system columns are locked against slips; no password.
  if (spec.protect ?? true) await sheet.protect("", { formatColumns: true, formatRows: true, autoFilter: true, sort: false });

  const meta = workbook.addWorksheet(META_SHEET, { state: "veryHidden" });
  meta.getCell("A1").value = spec.identity.kind;
  meta.getCell("A2").value = TEMPLATE_VERSION;
  meta.getCell("A3").value = spec.identity.unit;
  meta.getCell("A4").value = spec.identity.period;
  meta.getCell("A5").value = spec.columns.map((column) => column.header).join("|");
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export interface ReadRow {
  /** Row number as Excel shows it. */
  row: number;
  cells: Record<string, string>;
  /** Columns holding a formula (refused). */
  formulas: string[];
}

export type ReadResult = { ok: true; identity: TemplateIdentity; rows: ReadRow[] } | { ok: false; error: string };

function cellText(value: ExcelJS.CellValue): { text: string; formula: boolean } {
  if (value === null || value === undefined) return { text: "", formula: false };
  if (typeof value === "string") return { text: value, formula: false };
  if (typeof value === "number" || typeof value === "boolean") return { text: String(value), formula: false };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10), formula: false };
  if (typeof value === "object") {
    if ("formula" in value || "sharedFormula" in value) return { text: "", formula: true };
    if ("richText" in value) return { text: value.richText.map((part) => part.text).join(""), formula: false };
    if ("text" in value) return { text: String(value.text), formula: false };
    if ("error" in value) return { text: "", formula: true };
  }
  return { text: String(value), formula: false };
}

/** Reads an uploaded template; any sign that it is not ours, or was reshaped, is an error in Chinese. */
export async function readTemplate(bytes: Buffer, kind: string, columns: readonly TemplateColumn[]): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: "文件是空的" };
  if (bytes.length > IMPORT_MAX_BYTES)
    return { ok: false, error: `文件过大：${(bytes.length / 1024 / 1024).toFixed(1)} MB，导入文件不能超过 5 MB` };
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext !== "xlsx") return { ok: false, error: "不是 Excel 文件（.xlsx）：请上传从本系统下载的模板" };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { ok: false, error: "无法读取该 Excel 文件，文件可能已损坏" };
  }
  const meta = workbook.getWorksheet(META_SHEET);
  const sheet = workbook.worksheets.find((candidate) => candidate.name !== META_SHEET);
  if (!meta || !sheet || cellText(meta.getCell("A1").value).text !== kind) {
    return { ok: false, error: "不是本系统下载的填报模板，请重新下载模板后填写" };
  }
  if (cellText(meta.getCell("A2").value).text !== TEMPLATE_VERSION) return { ok: false, error: "模板版本已过期，请重新下载模板" };
  const headerRow = sheet.getRow(HEADER_ROW);
  for (const [index, column] of columns.entries()) {
    const found = cellText(headerRow.getCell(index + 1).value).text.trim();
    if (found !== column.header) {
      return { ok: false, error: `模板已被修改：第 ${index + 1} 列表头应为“${column.header}”，实际为“${found || "空"}”。请勿增删或移动列` };
    }
  }
  if (cellText(headerRow.getCell(columns.length + 1).value).text.trim()) {
    return { ok: false, error: "模板已被修改：表头右侧多出了列，请勿增加列" };
  }
  const rows: ReadRow[] = [];
  for (let number = FIRST_DATA_ROW; number <= sheet.rowCount; number += 1) {
    const row = sheet.getRow(number);
    const cells: Record<string, string> = {};
    const formulas: string[] = [];
    columns.forEach((column, index) => {
      const { text, formula } = cellText(row.getCell(index + 1).value);
      cells[column.key] = text.trim();
      if (formula) formulas.push(column.key);
    });
    if (Object.values(cells).every((text) => text === "") && formulas.length === 0) continue;
    rows.push({ row: number, cells, formulas });
  }
  return {
    ok: true,
    identity: {
      kind,
      unit: cellText(meta.getCell("A3").value).text,
      period: cellText(meta.getCell("A4").value).text,
    },
    rows,
  };
}
