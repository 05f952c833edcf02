/**
 * Excel export: one sheet per list with Chinese headers and typed cells (numbers stay numbers,
 * dates are Excel dates), frozen header row, filters and sensible widths. Text that Excel would
 * run as a formula (starting with =, +, -, @) is written as plain text.
 */
import ExcelJS from "exceljs";

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

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that cannot be read as a formula by Excel or WPS. */
export function safeText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  number: "#,##0.####",
  integer: "0",
  date: "yyyy-mm-dd",
  datetime: "yyyy-mm-dd hh:mm",
  percent: "0%",
};

function addSheet<Row>(workbook: ExcelJS.Workbook, spec: SheetSpec<Row>): void {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31));
  const preface = spec.preface ?? [];
  for (const line of preface) sheet.addRow([safeText(line)]).font = { italic: true, color: { argb: "FF475569" } };
  const headerRow = sheet.addRow(spec.columns.map((column) => column.header));
  headerRow.font = { bold: true };
  headerRow.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2E8F0" } };
  spec.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.width ?? Math.max(10, column.header.length * 2 + 4);
    const format = NUMBER_FORMATS[column.type ?? "text"];
    if (format) sheet.getColumn(index + 1).numFmt = format;
  });
  for (const row of spec.rows) {
    sheet.addRow(
      spec.columns.map((column) => {
        const value = column.value(row);
        if (value === null || value === undefined) return null;
        if (typeof value === "string") return safeText(value);
        return value;
      }),
    );
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A download response for a workbook, with a Chinese file name. */
export function xlsxResponse(buffer: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": XLSX_MEDIA_TYPE,
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
