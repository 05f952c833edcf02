import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";
import { fillMilestones } from "./measure-form";

/**
 * The lead-unit review chain and 销号核查 as real users: the admin gives task 36 two review
 * levels with 省水利厅 as lead unit; 南昌市 submits; 省水利厅 returns it from its 牵头审核 desk
 * with a comment, which 南昌市 reads. The same chain carries 南昌市's measure list for task 36:
 * three milestones, returned by 省水利厅 with a comment the city reads, resubmitted, passed on,
 * accepted by 省生态环境厅. On task 37 南昌市 reports 已完成; once accepted it reads
 * 已完成（待核查） until the reviewer records a passed check on 销号核查.
 */
const main = (page: Page) => page.getByRole("main");

async function as<T>(browser: Browser, account: E2eAccount, work: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStateOf(account) });
  try {
    return await work(await context.newPage());
  } finally {
    await context.close();
  }
}

async function submitReport(page: Page, task: number, state: string, progress: string) {
  await page.goto(`/progress/${task}/2026Q4`);
  await page.getByLabel("进展状态").selectOption({ label: state });
  await page.getByLabel("完成百分比（0–100）").fill(state === "已完成" ? "100" : "40");
  await page.getByLabel("工作进展").fill(progress);
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
}

test.describe.serial("two-level review chain", () => {
  test("the admin sets two review levels with a lead unit", async ({ browser }) => {
    await as(browser, "admin", async (page) => {
      await page.goto("/tasks/36");
      const form = page.getByRole("form", { name: "设置牵头单位" });
      await form.getByLabel("牵头单位").selectOption({ label: "省水利厅" });
      await form.getByLabel("审核层级").selectOption({ label: "两级审核（牵头单位 → 省生态环境厅）" });
      await form.getByRole("button", { name: "保存" }).click();
      await expect(form.getByRole("status")).toContainText("已设置牵头单位");
      await expect(page.locator("dt", { hasText: "牵头单位" }).locator("xpath=..")).toContainText("省水利厅");
    });
  });

  test("a city's report waits for the lead unit, which returns it with a comment the city reads", async ({ browser }) => {
    await as(browser, "cityStaff", (page) => submitReport(page, 36, "按计划推进", "完成赣江源区生态综合治理方案。"));

    // Not the reviewer's to decide yet.
    await as(browser, "reviewer", async (page) => {
      await page.goto("/review");
      const row = main(page).getByRole("row").filter({ hasText: "南昌市" }).filter({ hasText: "山水林田湖草沙" });
      await expect(row).toContainText("待牵头单位审核");
      await expect(row.getByRole("checkbox")).toHaveCount(0);
    });

    await as(browser, "provincialStaff", async (page) => {
      await page.goto("/lead-review");
      const row = main(page).getByRole("row").filter({ hasText: "南昌市" });
      await expect(row).toContainText("完成赣江源区生态综合治理方案。");
      await row.getByRole("checkbox").check();
      await page.getByRole("button", { name: "所选报告退回" }).click();
      await expect(page.locator("#batch-comment-error")).toHaveText("退回时请填写审核意见");
      await row.getByRole("checkbox").check();
      await page.getByLabel(/审核意见/).fill("请补充治理面积和资金安排。");
      await page.getByRole("button", { name: "所选报告退回" }).click();
      await expect(main(page).getByRole("status").filter({ hasText: "已退回 1 份报告" })).toBeVisible();
      await expect(main(page)).toContainText("没有待牵头单位审核的报告");
    });

    await as(browser, "cityStaff", async (page) => {
      await page.goto("/my");
      const row = main(page).getByRole("row").filter({ hasText: "36" }).filter({ hasText: "被退回" });
      await expect(row).toContainText("牵头单位意见：请补充治理面积和资金安排。");
    });
  });
});

test.describe.serial("a measure list on the two-level chain", () => {
  const LIST = "任务 36（南昌市，2026年）";

  test("city staff writes a measure list with three milestones; it waits for the lead unit, which returns it with a comment the city reads", async ({
    browser,
  }) => {
    await as(browser, "cityStaff", async (page) => {
      await page.goto("/measures/36/2026");
      const measure = main(page).getByRole("group", { name: "举措 1" });
      await measure.getByLabel("举措内容").fill("推进赣江源区山水林田湖草沙一体化保护");
      await measure.getByLabel("责任人（姓名、职务）").fill("市自然资源局 刘处长");
      await measure.getByRole("button", { name: "添加节点" }).click();
      await measure.getByRole("button", { name: "添加节点" }).click();
      const milestones = [
        ["编制保护修复方案", "2026-03-31", "方案印发文件"],
        ["启动首批修复项目", "2026-06-30", "项目开工报告"],
        ["完成年度修复任务", "2026-12-31", "年度验收报告"],
      ] as const;
      await fillMilestones(measure, milestones);
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(page).toHaveURL(/\/measures\/36\/2026\?submitted=\d+$/);
      await expect(main(page).getByRole("status").filter({ hasText: "已提交，等待牵头单位审核。" })).toBeVisible();
    });

    // Not the reviewer's to decide yet.
    await as(browser, "reviewer", async (page) => {
      await page.goto("/review/measures");
      const list = main(page).getByRole("region", { name: LIST });
      await expect(list).toContainText("待牵头单位审核");
      await expect(list.getByRole("button", { name: "审核通过" })).toHaveCount(0);
    });

    await as(browser, "provincialStaff", async (page) => {
      await page.goto("/lead-review");
      const list = main(page).getByRole("region", { name: `举措清单 ${LIST}` });
      await expect(list).toContainText("举措清单");
      await expect(list.getByRole("row").filter({ hasText: "启动首批修复项目" })).toContainText("项目开工报告");
      await list.getByRole("button", { name: "退回修改" }).click();
      await expect(list).toContainText("退回时请填写退回意见");
      await list.getByLabel(/审核意见/).fill("请明确每个节点的修复面积。");
      await list.getByRole("button", { name: "退回修改" }).click();
      await expect(list).toBeHidden();
    });

    await as(browser, "cityStaff", async (page) => {
      await page.goto("/measures/36/2026");
      await expect(main(page)).toContainText("退回意见：牵头单位意见：请明确每个节点的修复面积。");
      const measure = main(page).getByRole("group", { name: "举措 1" });
      await measure
        .getByRole("group", { name: /^节点 2/ })
        .getByLabel("节点名称")
        .fill("启动首批修复项目（修复面积 5 万亩）");
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(main(page).getByRole("status").filter({ hasText: "已提交，等待牵头单位审核。" })).toBeVisible();
    });
  });

  test("the lead unit passes it on from its desk, 省生态环境厅 accepts it, and the list reads 已通过", async ({ browser }) => {
    await as(browser, "provincialStaff", async (page) => {
      await page.goto("/lead-review");
      const list = main(page).getByRole("region", { name: `举措清单 ${LIST}` });
      await expect(list).toContainText("启动首批修复项目（修复面积 5 万亩）");
      await list.getByRole("button", { name: "审核通过，转报省生态环境厅" }).click();
      await expect(list).toBeHidden();
    });

    await as(browser, "reviewer", async (page) => {
      await page.goto("/review/measures");
      const list = main(page).getByRole("region", { name: LIST });
      await expect(list).not.toContainText("待牵头单位审核");
      await list.getByRole("button", { name: "审核通过" }).click();
      await expect(list).toBeHidden();
    });

    await as(browser, "cityStaff", async (page) => {
      await page.goto("/measures?year=2026");
      await expect(main(page).getByRole("row").filter({ hasText: "实施山水林田湖草沙一体化保护修复" })).toContainText("已通过");
      await page.goto("/measures/36/2026");
      await expect(main(page).getByRole("region", { name: "修改历史" })).toContainText("牵头单位审核通过举措清单，转报省生态环境厅");
      await expect(main(page).locator("header")).toContainText(/清单状态\s*已通过/);
    });
  });
});

test.describe.serial("销号核查", () => {
  test("a report marked 已完成 reads 已完成（待核查） once accepted, then the reviewer verifies it", async ({ browser }) => {
    await as(browser, "cityStaff", (page) => submitReport(page, 37, "已完成", "生态质量监测网络已全部建成。"));
    await as(browser, "reviewer", async (page) => {
      await page.goto("/review");
      const row = main(page).getByRole("row").filter({ hasText: "南昌市" }).filter({ hasText: "强化生态系统监测监管" });
      await row.getByRole("link").click();
      await expect(main(page)).toContainText("生态质量监测网络已全部建成。");
      await page.waitForLoadState("networkidle");
      await page.getByRole("button", { name: "审核通过" }).click();
      await expect(page).toHaveURL(/\/reports\/\d+\?reviewed=accept$/);

      await page.goto("/tasks/37");
      const nanchang = page
        .getByRole("region", { name: /推进状态/ })
        .getByRole("listitem")
        .filter({ hasText: "南昌市" });
      await expect(nanchang).toContainText("已完成（待核查）");

      await page.goto("/review/checks");
      const check = page.getByRole("form", { name: "核查 任务 37 南昌市" });
      await check.getByLabel("核查方式").selectOption({ label: "现场核查" });
      await check.getByLabel("核查发现").fill("现场查看监测站点，运行正常。");
      await check.getByRole("button", { name: "核查通过" }).click();
      // The item leaves the queue (its form with it) and the check is on record.
      await expect(main(page).getByRole("row").filter({ hasText: "现场查看监测站点，运行正常。" })).toContainText("通过");
      await expect(check).toHaveCount(0);

      await page.goto("/tasks/37");
      await expect(nanchang).toContainText("已完成");
      await expect(nanchang).not.toContainText("待核查");
    });
  });
});
