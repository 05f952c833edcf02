import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";
import { fillTemplate, uploadTemplate } from "./excel";

/**
 * 报一次 as real users: a figure typed in a city's quarterly report (or in the Excel template)
 * becomes that city's indicator value once the reviewer accepts the report — on the indicator
 * page, the city comparison and the dashboard, with no second entry anywhere; an impossible share is refused at
 * entry with the form kept as typed.
 */
const main = (page: Page) => page.getByRole("main");

async function open(browser: Browser, account: E2eAccount, path: string) {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  const page = await context.newPage();
  await page.goto(path);
  return { context, page };
}

async function acceptReport(browser: Browser, taskTitle: RegExp) {
  const { context, page } = await open(browser, "reviewer", "/review");
  await main(page).getByRole("row").filter({ hasText: "南昌市" }).filter({ hasText: taskTitle }).getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(taskTitle);
  await page.getByRole("button", { name: "审核通过" }).click();
  await expect(main(page).getByRole("status").filter({ hasText: "已审核通过 1 份报告" })).toBeVisible();
  await context.close();
}

/** The rows of the indicator page's table of accepted values for one area and period. */
const valueRows = (page: Page, area: string, period: string) =>
  page
    .getByRole("table", { name: "图表数据（审核通过的数值）" })
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: area, exact: true }) })
    .filter({ has: page.getByRole("cell", { name: period, exact: true }) });

test.describe.serial("a figure reported once is the indicator's value", () => {
  test("南昌市 reports PM2.5 30.2 for 2026 in its task 19 report, named for the city", async ({ browser }) => {
    const { context, page } = await open(browser, "cityStaff", "/progress/19/2026Q4");
    const value = page.getByLabel("南昌市细颗粒物（PM2.5）平均浓度·数值（微克/立方米）");
    await expect(value).toBeVisible();
    await expect(page.getByText("全省细颗粒物（PM2.5）平均浓度")).toHaveCount(0);
    await page.getByLabel("完成百分比（0–100）").fill("65");
    await page.getByLabel("工作进展").fill("开展秋冬季大气污染防治攻坚，完成 20 家企业深度治理。");
    await value.fill("30.2");
    await page.getByLabel("南昌市细颗粒物（PM2.5）平均浓度·所属期间").fill("2026");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
    await context.close();
  });

  test("the reviewer accepts it, and the indicator page, city comparison and dashboard show 南昌市 30.2 (2026), once", async ({
    browser,
  }) => {
    await acceptReport(browser, /大气环境精细化管控/);
    const { context, page } = await open(browser, "leader", "/indicators/PM25");
    const rows = valueRows(page, "南昌市", "2026");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("30.2 微克/立方米");
    await expect(rows).toContainText("南昌市2026年第四季度进展报告（任务 19）");
    await expect(main(page).getByRole("region", { name: "各设区市" })).toContainText("南昌市：30.2 微克/立方米");

    await page.goto("/dashboard/cities");
    const card = main(page)
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: /南昌市/ }) });
    await expect(card).toContainText("30.2（2026）");

    await page.goto("/dashboard");
    const cityRow = page
      .getByRole("table", { name: /^设区市排名/ })
      .getByRole("row")
      .filter({ hasText: "南昌市" });
    await expect(cityRow).toContainText("30.2（2026年）");
    await context.close();
  });

  test("the same through the Excel template: 南昌市's surface-water share for 2026 imported, accepted, shown", async ({ browser }) => {
    const { context, page } = await open(browser, "cityStaff", "/progress/import");
    const template = await (await page.request.get("/api/exports/progress-template.xlsx?quarter=2026Q4")).body();
    const filled = await fillTemplate(template, {
      22: {
        进展状态: "按计划推进",
        "完成百分比（0–100）": 55,
        "工作进展（必填）": "完成赣江南昌段入河排污口整治（导入）。",
        指标1数值: 92.5,
        指标1所属期间: "2026",
        指标1说明: "国考断面",
      },
    });
    await uploadTemplate(page, filled);
    // The unit's other drafts come back in the template as they are, so the file may hold more than this task.
    await expect(main(page).getByRole("status").filter({ hasText: "检查通过" })).toHaveText(
      /^检查通过：\d+ 项任务将保存为草稿。请核对后确认导入。$/,
    );
    await page.getByRole("button", { name: "确认导入" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已导入" })).toBeVisible();

    await page.goto("/progress/22/2026Q4");
    await expect(page.getByLabel("南昌市地表水水质优良比例·数值（%）")).toHaveValue("92.5");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
    await context.close();

    await acceptReport(browser, /鄱阳湖总磷/);
    const leader = await open(browser, "leader", "/indicators/SURFACE_WATER_GOOD");
    const rows = valueRows(leader.page, "南昌市", "2026");
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText("92.5 %");
    await leader.context.close();
  });

  test("a share of 163 % is refused at entry in Chinese, next to the field, with the form kept", async ({ browser }) => {
    const { context, page } = await open(browser, "cityStaff", "/progress/24/2025Q4");
    await page.getByLabel("完成百分比（0–100）").fill("20");
    await page.getByLabel("工作进展").fill("推进美丽河湖建设。");
    const share = page.getByLabel("南昌市地表水Ⅱ类水比例·数值（%）");
    await share.fill("163");
    await page.getByLabel("南昌市地表水Ⅱ类水比例·所属期间").fill("2025");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(main(page).getByRole("alert").filter({ hasText: "超出合理范围" })).toBeVisible();
    await expect(page.locator("#figure-SURFACE_WATER_CLASS_II-value-error")).toHaveText("比例应在 0%–100% 之间，163% 不可能");
    await expect(share).toHaveAttribute("aria-invalid", "true");
    await expect(share).toHaveValue("163");
    await expect(page.getByLabel("工作进展")).toHaveValue("推进美丽河湖建设。");
    await expect(page).not.toHaveURL(/saved=/);
    await context.close();
  });
});
