import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { fillMilestones } from "./measure-form";

/**
 * Measures and milestones as real users: 南昌市 staff writes its 2026 measures for task 21 with
 * three milestones (one group added and removed again on the way, a refused save keeping
 * everything typed) and submits; the reviewer accepts on the measures desk; the task page shows
 * the milestones with their lights (a date long past reads 滞后).
 */
const main = (page: Page) => page.getByRole("main");

test.describe.serial("measure list cycle", () => {
  test("city staff writes measures with three milestones and submits them", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "年度举措" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("南昌市");
    await page.goto("/measures?year=2026");
    await page.getByRole("link", { name: "任务 21 的2026年举措" }).click();
    await expect(page).toHaveURL(/\/measures\/21\/2026$/);

    const measure = main(page).getByRole("group", { name: "举措 1" });
    await measure.getByLabel("举措内容").fill("推进赣江南昌段岸线生态修复");
    await measure.getByRole("button", { name: "添加节点" }).click();
    await measure.getByRole("button", { name: "添加节点" }).click();
    await measure.getByRole("button", { name: "添加节点" }).click();
    await measure.getByRole("button", { name: "删除节点 4" }).click();
    const milestones = [
      ["完成岸线现状调查", "2025-06-30", "调查报告"],
      ["印发修复实施方案", "2026-09-30", "市政府办公室印发文件"],
      ["完成首期工程验收", "2026-12-31", "竣工验收报告"],
    ] as const;
    await fillMilestones(measure, milestones);
    // 责任人 left empty: refused, the message beside the field, everything typed still there.
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page.locator("#m-0-responsible-error")).toHaveText("请填写责任人");
    await expect(measure.getByLabel("举措内容")).toHaveValue("推进赣江南昌段岸线生态修复");
    await expect(measure.getByRole("group", { name: /^节点 3/ }).getByLabel("节点名称")).toHaveValue("完成首期工程验收");

    await measure.getByLabel("责任人（姓名、职务）").fill("市生态环境局 王局长");
    await measure.getByLabel("计划资金（万元）").fill("850");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/measures\/21\/2026\?submitted=\d+$/);
    await expect(main(page).getByRole("status").filter({ hasText: "已提交" })).toBeVisible();
    await expect(main(page)).toContainText("审核完成前不能修改");
    await expect(page.getByRole("region", { name: "修改历史" })).toContainText("提交举措清单");
    await context.close();
  });

  test("the reviewer accepts them and the task page shows the milestones with lights", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/review/measures");
    const list = main(page).getByRole("region", { name: "任务 21（南昌市，2026年）" });
    await expect(list).toContainText("推进赣江南昌段岸线生态修复");
    await list.getByRole("button", { name: "审核通过" }).click();
    // Accepted: it leaves the desk (the page is revalidated without it).
    await expect(list).toBeHidden();

    await page.goto("/tasks/21");
    const section = main(page).getByRole("region", { name: "南昌市2026年举措" });
    await expect(section).toContainText("推进赣江南昌段岸线生态修复");
    await expect(section.getByRole("row").filter({ hasText: "完成岸线现状调查" })).toContainText("滞后");
    await expect(section.getByRole("row").filter({ hasText: "印发修复实施方案" })).toBeVisible();
    await expect(section.getByRole("row").filter({ hasText: "完成首期工程验收" })).toContainText("竣工验收报告");
    await context.close();
  });
});
