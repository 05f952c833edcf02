/** Filling a downloaded template the way a user would in Excel: by header, by task number. */
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function fillTemplate(template: Buffer, rows: Record<number, Record<string, string | number>>): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("进展填报")!;
  const headers = (sheet.getRow(3).values as (string | undefined)[]).map((value) => value ?? "");
  sheet.eachRow((row, number) => {
    if (number <= 3) return;
    const values = rows[Number(row.getCell(1).value)];
    if (!values) return;
    for (const [header, value] of Object.entries(values)) row.getCell(headers.indexOf(header)).value = value;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Uploads a filled template on the import page and asks for the check. */
export async function uploadTemplate(page: Page, buffer: Buffer): Promise<void> {
  await page.getByLabel(/上传填好的模板/).setInputFiles({ name: "进展.xlsx", mimeType: XLSX, buffer });
  await page.getByRole("button", { name: "上传并检查" }).click();
}
