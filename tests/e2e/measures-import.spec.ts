/**
 * The measures template (举措清单模板) as city staff use it: download, fill one measure with two
 * milestones in Excel, upload; one bad cell refuses the whole file naming its row and column and
 * saves nothing; corrected, the file is checked, confirmed and becomes a draft list.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { XLSX } from "./excel";

test.use({ storageState: storageStateOf("cityStaff") });

/** Next year's template (this year's may hold the demo lists): the first task row gets one measure with two milestones. */
async function filledTemplate(template: Buffer, secondDate: string): Promise<{ buffer: Buffer; task: number }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet("举措清单")!;
  const first = sheet.getRow(4);
  const task = Number(first.getCell(1).value);
  ["配合", 1, "推进城市生活污水管网建设", "市城管局 李科长", 500, null, "市级财政", "完成管网排查", "2027-03-31", "排查报告"].forEach(
    (value, index) => (first.getCell(index + 3).value = value),
  );
  const extra = sheet.getRow(sheet.rowCount + 1);
  [task, "（复制行）", "配合", 1, null, null, null, null, null, "完成管网改造验收", secondDate, "验收报告"].forEach(
    (value, index) => (extra.getCell(index + 1).value = value),
  );
  return { buffer: Buffer.from(await workbook.xlsx.writeBuffer()), task };
}

test("a measures template with one bad cell is refused whole; corrected, it imports as a draft list", async ({ page }) => {
  await page.goto("/measures/import");
  const nextYear = Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date()).slice(0, 4)) + 1;
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: `下载${nextYear}年模板` }).click();
  const template = readFileSync(await (await download).path());

  const bad = await filledTemplate(template, "2027-02-30");
  await page.getByLabel(/上传填好的模板/).setInputFiles({ name: "举措.xlsx", mimeType: XLSX, buffer: bad.buffer });
  await page.getByRole("button", { name: "上传并检查" }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toContainText("有 1 行存在错误，未导入任何内容", { timeout: 20_000 });
  const results = main.getByRole("table", { name: /检查结果/ });
  const failing = results.getByRole("row").filter({ hasText: "有错误" });
  await expect(failing).toHaveCount(1);
  await expect(failing).toContainText("【计划完成日期（如 2026-06-30）】");
  await expect(main.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  await page.goto(`/measures?year=${nextYear}`);
  await expect(page.getByRole("main")).not.toContainText("推进城市生活污水管网建设");

  await page.goto("/measures/import");
  const good = await filledTemplate(template, "2027-09-30");
  await page.getByLabel(/上传填好的模板/).setInputFiles({ name: "举措.xlsx", mimeType: XLSX, buffer: good.buffer });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByRole("main").getByRole("status").first()).toContainText("检查通过：1 项任务的举措清单将保存为草稿", {
    timeout: 20_000,
  });
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByText("已导入 1 项任务的举措清单，均保存为草稿")).toBeVisible();

  await page.goto(`/measures/${good.task}/${nextYear}`);
  await expect(page.getByRole("main")).toContainText("草稿");
  await expect(page.getByRole("main").getByRole("textbox").first()).toBeVisible();
  const values = await page
    .getByRole("main")
    .locator("input, textarea")
    .evaluateAll((fields) => fields.map((field) => (field as HTMLInputElement).value));
  expect(values).toEqual(expect.arrayContaining(["推进城市生活污水管网建设", "完成管网排查", "完成管网改造验收", "2027-09-30"]));
});
