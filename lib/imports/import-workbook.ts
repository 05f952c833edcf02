/**
 * Templates that staff download, fill in Excel or WPS and upload again: a visible sheet with a
 * fixed header row, and a hidden sheet naming the template, its version, the unit and the period
 * it was made for. Reading checks the file is really an .xlsx of ours, unchanged in shape, and
 * returns every data row's cells as text; formulas are refused, never evaluated. A file is read
 * within the bounds of ./limits, a few at a time per process.
 */
import ExcelJS from "exceljs";
import pLimit from "p-limit";
import { TEXT_FORMAT, workbookBytes } from "@/lib/exports/workbook";
import { UserFacingError } from "@/lib/core/errors";
import { IMPORT_MAX_BYTES, IMPORT_MAX_MEGABYTES, IMPORT_PARALLEL_READS } from "./limits";
import { readXlsxCells, type CellValue, type SheetCells } from "./xlsx-reader";

/** The upload limit, for the pages that tell users and refuse larger files in the browser. */
export { IMPORT_MAX_BYTES } from "./limits";

const META_SHEET = "_模板信息";
/**
 * 2: text that looks like a formula is written as it is, in a Text-format cell. Templates of
 * version 1 (still in users' hands) wrote it with a leading apostrophe, visible in the cell.
 */
const TEMPLATE_VERSION = "2";
const READABLE_VERSIONS = new Set(["1", TEMPLATE_VERSION]);
/** The escape version 1 added: an apostrophe before what would start a formula. */
const VERSION_1_ESCAPE = /^'(?=[=+\-@\t\r])/;

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
  /** Holds a number; other columns are Text format, so what users type there stays as typed. */
  number?: boolean;
  /** A decimal of at least `min` (and at most `max`); the server applies the indicator's own rule. */
  decimal?: { min: number; max?: number };
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
      cell.value = values[column.key] ?? null;
      if (!column.number && !column.whole && !column.decimal) cell.numFmt = TEXT_FORMAT;
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
      if (column.decimal) {
        const { min, max } = column.decimal;
        cell.dataValidation = {
          type: "decimal",
          operator: max === undefined ? "greaterThanOrEqual" : "between",
          allowBlank: true,
          formulae: max === undefined ? [min] : [min, max],
          showErrorMessage: true,
          errorTitle: "输入有误",
          error: max === undefined ? `请填写不小于 ${min} 的数字` : `请填写 ${min}–${max} 的数字`,
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
  return workbookBytes(workbook);
}

export interface ReadRow {
  /** Row number as Excel shows it. */
  row: number;
  cells: Record<string, string>;
  /** Columns holding a formula (refused). */
  formulas: string[];
}

export type ReadResult = { ok: true; identity: TemplateIdentity; rows: ReadRow[] } | { ok: false; error: string };

const readingSlot = pLimit(IMPORT_PARALLEL_READS);
const EMPTY: CellValue = { text: "", formula: false };
const at = (cells: SheetCells | undefined, row: number, column: number) => cells?.get(row)?.get(column) ?? EMPTY;

/** Reads an uploaded template; any sign that it is not ours, or was reshaped, is an error in Chinese. */
export async function readTemplate(bytes: Buffer, kind: string, columns: readonly TemplateColumn[]): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, error: "文件是空的" };
  if (bytes.length > IMPORT_MAX_BYTES)
    return { ok: false, error: `文件过大：${(bytes.length / 1024 / 1024).toFixed(1)} MB，导入文件不能超过 ${IMPORT_MAX_MEGABYTES} MB` };
  let sheets: Map<string, SheetCells>;
  try {
    sheets = await readingSlot(() =>
      readXlsxCells(bytes, {
        sheets: (names) => [META_SHEET, names.find((name) => name !== META_SHEET) ?? META_SHEET],
        // One more than the template's: a column added on the right is refused.
        columns: columns.length + 1,
      }),
    );
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    throw error;
  }
  const meta = sheets.get(META_SHEET);
  const sheet = [...sheets].find(([name]) => name !== META_SHEET)?.[1];
  if (!meta || !sheet || at(meta, 1, 1).text !== kind) {
    return { ok: false, error: "不是本系统下载的填报模板，请重新下载模板后填写" };
  }
  const version = at(meta, 2, 1).text;
  if (!READABLE_VERSIONS.has(version)) return { ok: false, error: "模板版本已过期，请重新下载模板" };
  // A template of ours made before its columns changed (e.g. before indicator figures were added).
  const madeWith = at(meta, 5, 1).text;
  if (madeWith && madeWith !== columns.map((column) => column.header).join("|")) {
    return { ok: false, error: "模板已过期（栏目已更新），请重新下载模板后填写" };
  }
  for (const [index, column] of columns.entries()) {
    const found = at(sheet, HEADER_ROW, index + 1).text.trim();
    if (found !== column.header) {
      return { ok: false, error: `模板已被修改：第 ${index + 1} 列表头应为“${column.header}”，实际为“${found || "空"}”。请勿增删或移动列` };
    }
  }
  if (at(sheet, HEADER_ROW, columns.length + 1).text.trim()) {
    return { ok: false, error: "模板已被修改：表头右侧多出了列，请勿增加列" };
  }
  const unescape = (text: string) => (version === "1" ? text.replace(VERSION_1_ESCAPE, "") : text);
  const rows: ReadRow[] = [];
  for (const number of [...sheet.keys()].filter((row) => row >= FIRST_DATA_ROW).sort((a, b) => a - b)) {
    const cells: Record<string, string> = {};
    const formulas: string[] = [];
    columns.forEach((column, index) => {
      const { text, formula } = at(sheet, number, index + 1);
      cells[column.key] = unescape(text.trim());
      if (formula) formulas.push(column.key);
    });
    if (Object.values(cells).every((text) => text === "") && formulas.length === 0) continue;
    rows.push({ row: number, cells, formulas });
  }
  return { ok: true, identity: { kind, unit: at(meta, 3, 1).text, period: at(meta, 4, 1).text }, rows };
}
