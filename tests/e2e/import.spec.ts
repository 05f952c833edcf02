import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { fillTemplate as fill } from "./excel";

test("staff download the template, upload it with a bad row (shown, nothing written), fix it and import it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const page = await context.newPage();
  await page.goto("/my");
  await page.getByRole("link", { name: "Excel 批量填报" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Excel 批量填报");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "下载2026年第四季度模板" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("南昌市_2026Q4_进展填报模板.xlsx");
  const template = Buffer.from(await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks)));

  const good = { 进展状态: "按计划推进", "完成百分比（0–100）": 40, "工作进展（必填）": "完成重金属重点行业企业清单动态更新（导入）。" };
  const bad = await fill(template, {
    30: good,
    31: { 进展状态: "按计划推进", "完成百分比（0–100）": 150, "工作进展（必填）": "完成声环境自动监测站点选址。" },
  });
  await page
    .getByLabel(/上传填好的模板/)
    .setInputFiles({ name: "进展.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: bad });
  await page.getByRole("button", { name: "上传并检查" }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toHaveText("有 1 行存在错误，未导入任何内容。请修改后重新上传。");
  const badRow = main.getByRole("row").filter({ hasText: "31." });
  await expect(badRow).toContainText("【完成百分比（0–100）】完成百分比须为 0–100 的整数");
  await expect(page.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  const before = await page.request.get("/progress/30/2026Q4");
  expect(await before.text()).not.toContain("完成重金属重点行业企业清单动态更新（导入）");

  const fixed = await fill(template, {
    30: good,
    31: { ...good, "完成百分比（0–100）": 35, "工作进展（必填）": "完成声环境自动监测站点选址。" },
  });
  await page
    .getByLabel(/上传填好的模板/)
    .setInputFiles({ name: "进展.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: fixed });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(main.getByRole("status").filter({ hasText: "检查通过" })).toHaveText("检查通过：2 项任务将保存为草稿。请核对后确认导入。");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(main.getByRole("status").filter({ hasText: "已导入" })).toHaveText(
    "已导入 2 项任务的进展，均保存为草稿，请逐项核对后提交审核。",
  );

  await page.goto("/progress/30/2026Q4");
  await expect(page.getByLabel("工作进展")).toHaveValue("完成重金属重点行业企业清单动态更新（导入）。");
  await expect(page.getByLabel("完成百分比（0–100）")).toHaveValue("40");
  await context.close();
});

test("a file that is not Excel, or a template with a changed header, is refused", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const page = await context.newPage();
  await page.goto("/progress/import");
  await page.getByLabel(/上传填好的模板/).setInputFiles({
    name: "进展.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from("不是表格"),
  });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("不是 Excel 文件（.xlsx）：请上传从本系统下载的模板");

  const template = await (await page.request.get("/api/exports/progress-template.xlsx?quarter=2026Q4")).body();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  workbook.getWorksheet("进展填报")!.getCell("G3").value = "进展";
  const changed = Buffer.from(await workbook.xlsx.writeBuffer());
  await page
    .getByLabel(/上传填好的模板/)
    .setInputFiles({ name: "进展.xlsx", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: changed });
  await page.getByRole("button", { name: "上传并检查" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "模板已被修改：第 7 列表头应为“工作进展（必填）”，实际为“进展”。请勿增删或移动列",
  );
  await context.close();
});
