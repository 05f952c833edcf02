import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";
import { fillMilestones } from "./measure-form";

/**
 * Milestones in the quarterly report (最多报一次) as real users: 南昌市 writes its 2026 measures
 * for task 12 with one milestone and the reviewer accepts them; the city's 2026Q4 report lists the
 * milestone, refuses 已完成 without a date (in Chinese, keeping everything typed), then records it
 * done; the task page reads 已完成（待核查） until the reviewer verifies it on 销号核查, then
 * 已完成（已核查）.
 */
const main = (page: Page) => page.getByRole("main");
const TITLE = "印发生态品牌推介方案";

async function as<T>(browser: Browser, account: E2eAccount, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

test.describe.serial("a milestone recorded in a quarterly report", () => {
  test("the city's accepted measures give its report a milestone to record", async ({ browser }) => {
    await as(browser, "cityStaff", async (page) => {
      await page.goto("/measures/12/2026");
      const measure = main(page).getByRole("group", { name: "举措 1" });
      await measure.getByLabel("举措内容").fill("推介“鄱阳湖国际观鸟季”等生态品牌");
      await measure.getByLabel("责任人（姓名、职务）").fill("市发改委 副主任");
      await fillMilestones(measure, [[TITLE, "2026-10-31", "市政府办公室印发文件"]]);
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(page).toHaveURL(/\/measures\/12\/2026\?submitted=\d+$/);
    });
    await as(browser, "reviewer", async (page) => {
      await page.goto("/review/measures");
      const list = main(page).getByRole("region", { name: "任务 12（南昌市，2026年）" });
      await list.getByRole("button", { name: "审核通过" }).click();
      await expect(list).toBeHidden();
    });
  });

  test("已完成 without a date is refused in Chinese with everything kept; with a date it is recorded", async ({ browser }) => {
    await as(browser, "cityStaff", async (page) => {
      await page.goto("/progress/12/2026Q4");
      const item = main(page).getByRole("listitem", { name: `节点：${TITLE}` });
      await expect(item).toContainText("2026年10月31日");
      await expect(item).toContainText("市政府办公室印发文件");
      await expect(item).toContainText("滞后");

      await page.getByLabel("完成百分比（0–100）").fill("60");
      await page.getByLabel("工作进展").fill("生态品牌推介方案已印发实施。");
      await item.getByLabel("完成情况").selectOption({ label: "已完成" });
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(item.getByText("请填写完成日期")).toBeVisible();
      await expect(item.getByLabel(/^完成日期/)).toHaveAttribute("aria-invalid", "true");
      await expect(page).toHaveURL(/\/progress\/12\/2026Q4$/);
      await expect(page.getByLabel("工作进展")).toHaveValue("生态品牌推介方案已印发实施。");
      await expect(page.getByLabel("完成百分比（0–100）")).toHaveValue("60");
      await expect(item.getByLabel("完成情况")).toHaveValue("DONE");

      await item.getByLabel(/^完成日期/).fill("2026-11-20");
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
      await expect(main(page)).toContainText(`${TITLE}（计划 2026年10月31日，完成标志：市政府办公室印发文件）：已完成（2026年11月20日）`);
    });
  });

  test("it reads 已完成（待核查） on the task page until the reviewer verifies it on 销号核查", async ({ browser }) => {
    await as(browser, "reviewer", async (page) => {
      await page.goto("/tasks/12");
      const row = main(page).getByRole("region", { name: "南昌市2026年举措" }).getByRole("row").filter({ hasText: TITLE });
      await expect(row).toContainText("已完成（待核查）");

      await page.goto("/review/checks");
      const check = page.getByRole("form", { name: `核查 节点 ${TITLE}（南昌市）` });
      await expect(check.locator("xpath=..")).toContainText("完成标志：市政府办公室印发文件");
      await expect(check.locator("xpath=..")).toContainText("报告完成于 2026年11月20日");
      await expect(check.locator("xpath=..").getByRole("link", { name: "2026Q4 报告" })).toBeVisible();
      await check.getByLabel("核查方式").selectOption({ label: "资料核查" });
      await check.getByLabel("核查发现").fill("已见印发文件，内容与完成标志一致。");
      await check.getByRole("button", { name: "核查通过" }).click();
      await expect(main(page).getByRole("row").filter({ hasText: "已见印发文件，内容与完成标志一致。" })).toContainText("通过");
      await expect(check).toHaveCount(0);

      await page.goto("/tasks/12");
      await expect(row).toContainText("已完成（已核查）");
    });
  });
});
