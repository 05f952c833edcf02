/**
 * Excel export: one sheet per list with Chinese headers and typed cells (numbers stay numbers,
 * dates are Excel dates), frozen header row, filters and sensible widths. Every workbook we write
 * (these lists and the import templates) leaves through workbookBytes, which makes its text safe.
 */
import ExcelJS from "exceljs";
import { create as contentDisposition } from "content-disposition";
import { stripXmlInvalid } from "@/lib/core/text";

export type ColumnType = "text" | "number" | "integer" | "date" | "datetime" | "percent";

export interface Column<Row> {
  header: string;
  width?: number;
  type?: ColumnType;
  value: (row: Row) => string | number | Date | null | undefined;
}

export interface SheetSpec<Row> {
  name: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  /** Lines above the table (title, filters applied, time of export). */
  preface?: string[];
}

/** What Excel or WPS would take for the start of a formula if it were typed into a cell (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Excel's Text number format: the cell shows what it holds, and an edit of it stays text. */
export const TEXT_FORMAT = "@";

function safeCell(cell: ExcelJS.Cell): void {
  const value = cell.value;
  if (typeof value === "string") {
    cell.value = stripXmlInvalid(value);
    // A string cell is never evaluated; the Text format keeps it so when someone edits it, with
    // no visible escape character that would come back on import as part of the text.
    if (FORMULA_START.test(cell.value)) cell.numFmt = TEXT_FORMAT;
  } else if (value && typeof value === "object" && "richText" in value) {
    cell.value = { richText: value.richText.map((part) => ({ ...part, text: stripXmlInvalid(part.text) })) };
  }
}

/**
 * The file of a workbook of ours, its text made safe in this one place: characters XML refuses
 * are dropped (rows saved before input refused them may hold U+FFFE or a control character, and
 * one breaks the whole file), and text that looks like a formula stays text.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell(safeCell)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Excel has no time zones: a cell holds a wall-clock time, and exceljs writes a Date's UTC
 * fields. A moment is therefore written as China's wall-clock time (UTC + 8 h, no daylight
 * saving), and its column says so, so that the file reads as the screens do.
 */
const CHINA_OFFSET_MS = 8 * 3_600_000;
export const CHINA_TIME_SUFFIX = "（北京时间）";

/** A moment as the Date whose UTC fields are China's wall-clock time: what an Excel cell should show. */
export function chinaWallClock(moment: Date): Date {
  return new Date(moment.getTime() + CHINA_OFFSET_MS);
}

function cellValue<Row>(column: Column<Row>, row: Row) {
  const value = column.value(row) ?? null;
  return column.type === "datetime" && value instanceof Date ? chinaWallClock(value) : value;
}

function headerOf(column: Pick<Column<never>, "header" | "type">): string {
  return column.type === "datetime" && !column.header.endsWith(CHINA_TIME_SUFFIX) ? `${column.header}${CHINA_TIME_SUFFIX}` : column.header;
}

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  number: "#,##0.####",
  integer: "0",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm:ss",
  percent: "0%",
};

function addSheet<Row>(workbook: ExcelJS.Workbook, spec: SheetSpec<Row>): void {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
  const preface = spec.preface ?? [];
  for (const line of preface) sheet.addRow([line]).font = { italic: true, color: { argb: "FF475569" } };
  const headerRow = sheet.addRow(spec.columns.map((column) => headerOf(column)));
  headerRow.font = { bold: true };
  headerRow.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  spec.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width ?? Math.max(10, column.header.length * 2 + 4);
    const format = NUMBER_FORMATS[column.type ?? "text"];
    if (format) sheet.getColumn(index + 1).numFmt = format;
  });
  for (const row of spec.rows) {
    sheet.addRow(spec.columns.map((column) => cellValue(column, row)));
  }
  const headerIndex = preface.length + 1;
  sheet.views = [{ state: "frozen", ySplit: headerIndex }];
  sheet.autoFilter = { from: { row: headerIndex, column: 1 }, to: { row: headerIndex, column: spec.columns.length } };
}

/** A sheet ready to be added, whatever its row type. */
export interface Sheet {
  addTo(workbook: ExcelJS.Workbook): void;
}

export function sheet<Row>(spec: SheetSpec<Row>): Sheet {
  return { addTo: (workbook) => addSheet(workbook, spec) };
}

export async function buildWorkbook(sheets: Sheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "美丽江西建设推进管理平台";
  workbook.created = new Date();
  for (const item of sheets) item.addTo(workbook);
  return workbookBytes(workbook);
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A download response for a workbook, with a Chinese file name. */
export function xlsxResponse(buffer: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
