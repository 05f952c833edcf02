import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";

/**
 * What leaders and the auditor read: the brief lists a report as soon as the reviewer accepts it,
 * and the audit log reads in Chinese and filters by person, the export with it.
 */
const main = (page: Page) => page.getByRole("main");

test("the brief lists a report of 省水利厅 once the reviewer accepts it", async ({ browser }) => {
  const staff = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
  const staffPage = await staff.newPage();
  await staffPage.goto("/my");
  const href = await main(staffPage)
    .getByRole("link", { name: /^填报任务 \d+ 2026Q4$/ })
    .first()
    .getAttribute("href");
  const task = /\/progress\/(\d+)\/2026Q4/.exec(href ?? "")![1]!;
  await staffPage.goto(href!);
  await staffPage.getByLabel("工作进展").fill("完成第四季度水资源刚性约束制度评估（简报）。");
  await staffPage.getByRole("button", { name: "提交审核" }).click();
  await expect(staffPage).toHaveURL(/\/reports\/\d+\?submitted=1$/);
  await staff.close();

  const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const queue = await reviewer.newPage();
  await queue.goto("/review?unit=slt");
  await queue.getByRole("checkbox", { name: `选择 任务 ${task} 省水利厅 2026Q4` }).check();
  await queue.getByRole("button", { name: "所选报告审核通过" }).click();
  await expect(main(queue).getByRole("status").filter({ hasText: "已审核通过 1 份报告" })).toBeVisible();
  await reviewer.close();

  const leader = await browser.newContext({ storageState: storageStateOf("leader") });
  const page = await leader.newPage();
  await page.goto("/dashboard/brief");
  const reports = page.getByRole("region", { name: "一、报告报送与审核" });
  await expect(reports).toContainText(/审核通过 [1-9]\d* 份/);
  const row = reports
    .getByRole("table", { name: "按单位" })
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "省水利厅" }) });
  // Cells after the unit: 收到, 通过, 退回, 审核通过的报告, 退回的报告.
  await expect(row.getByRole("cell").nth(3)).toHaveText(new RegExp(`^任务(\\d+、)*${task}(、\\d+)*$`));
  await expect(page.getByRole("region", { name: /^六、2026年第三季度报告仍未报齐的单位/ })).toContainText(/尚未报送：|部分报送：/);
  await expect(main(page)).not.toContainText(/\b(slt|nanchang|sthjt)\b/);
  await leader.close();
});

test("the auditor reads the log in Chinese, filters it by person, and exports the same rows", async ({ browser }) => {
  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const page = await auditor.newPage();
  await page.goto("/audit");
  const log = main(page).getByRole("table", { name: "审计记录" });
  await expect(log).toContainText("登录成功");
  await expect(log).not.toContainText("auth.signin");

  const filters = page.getByRole("form", { name: "筛选" });
  await filters.getByLabel("操作人").selectOption({ label: "南昌市填报人（南昌市）" });
  await filters.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/\/audit\?actor=nanchang/);
  const rows = log.getByRole("row");
  expect(await rows.count()).toBeGreaterThan(1);
  for (const cell of await log.locator("tbody tr td:nth-child(2)").all()) await expect(cell).toContainText("南昌市填报人");
  await expect(log).toContainText("登录成功");

  const href = await page.getByRole("link", { name: "导出 Excel" }).getAttribute("href");
  expect(href).toBe("/api/exports/audit.xlsx?actor=nanchang");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await download.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(2).getCell(1).text).toBe("筛选条件：操作人 南昌市填报人");
  const header = sheet.getRow(4);
  expect(header.getCell(3).text).toBe("操作人");
  const people = [...Array(sheet.rowCount - 4).keys()].map((index) => sheet.getRow(5 + index).getCell(3).text);
  expect(people.length).toBeGreaterThan(0);
  expect(new Set(people)).toEqual(new Set(["南昌市填报人"]));

  await page.goto("/audit?from=2026-02-30");
  await expect(main(page).getByRole("alert")).toHaveText("筛选条件无效：开始日期应为有效日期，如 2026-12-02");
  await expect(log.locator("tbody tr")).toHaveCount(0);
  await auditor.close();
});
