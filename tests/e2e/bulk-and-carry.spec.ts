import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { PASSWORD, storageStateOf } from "./accounts";

/**
 * 我的待办's batch work as 宜春市 staff (a unit no other spec reports for): filters and search in
 * the URL; two drafts ticked and submitted at once; a batch with one report changed meanwhile
 * refused whole, naming it, the ticks kept; 沿用上季度 from the report form, marked for the
 * reviewer; 沿用上季度 for a task with nothing accepted before refused.
 */
const main = (page: Page) => page.getByRole("main");

async function signIn(browser: Browser, username: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/my$/, { timeout: 30_000 });
  await page.close();
  return context;
}

/** The tasks of this quarter's rows, as 我的待办 lists them. */
async function currentTasks(page: Page): Promise<number[]> {
  await page.goto("/my");
  const labels = await main(page)
    .getByRole("link", { name: /^填报任务 \d+ 2026Q4$/ })
    .evaluateAll((links) => links.map((link) => link.getAttribute("aria-label") ?? ""));
  return labels.map((label) => Number(/任务 (\d+)/.exec(label)![1]));
}

async function saveDraft(page: Page, task: number, quarter: string, progress: string, intent: "保存草稿" | "提交审核" = "保存草稿") {
  await page.goto(`/progress/${task}/${quarter}`);
  await page.getByLabel("工作进展").fill(progress);
  await page.getByRole("button", { name: intent }).click();
  await expect(page).toHaveURL(intent === "保存草稿" ? /\?saved=\d+$/ : /\/reports\/\d+\?submitted=1$/);
}

const row = (page: Page, task: number, quarter = "2026Q4") =>
  main(page)
    .getByRole("row")
    .filter({ has: page.getByRole("checkbox", { name: `选择 任务 ${task} ${quarter}` }) });

test.describe.serial("bulk work on 我的待办", () => {
  let staff: BrowserContext;
  let tasks: number[] = [];

  test.beforeAll(async ({ browser }) => {
    staff = await signIn(browser, "yichun");
  });
  test.afterAll(async () => {
    await staff.close();
  });

  test("filters, search and grouping live in the URL; a bad filter gets a Chinese message", async () => {
    const page = await staff.newPage();
    tasks = await currentTasks(page);
    expect(tasks.length).toBeGreaterThanOrEqual(6);
    const title = (await main(page)
      .getByRole("link", { name: new RegExp(`^${tasks[1]}\\. `) })
      .first()
      .textContent())!;
    const all = await main(page)
      .getByRole("link", { name: /^填报任务 / })
      .count();

    await page.getByRole("searchbox", { name: "搜索" }).fill(title.replace(/^\d+\. /, ""));
    await page.getByRole("button", { name: "筛选" }).click();
    await expect(page).toHaveURL(/\/my\?q=/);
    await expect(main(page).getByRole("link", { name: `填报任务 ${tasks[1]} 2026Q4` })).toBeVisible();
    expect(
      await main(page)
        .getByRole("link", { name: /^填报任务 / })
        .count(),
    ).toBeLessThan(all);

    // A number is a task number.
    await page.goto(`/my?q=${tasks[2]}`);
    const found = await main(page)
      .getByRole("link", { name: /^填报任务 / })
      .evaluateAll((links) => links.map((link) => link.getAttribute("aria-label")));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((label) => label!.startsWith(`填报任务 ${tasks[2]} `))).toBe(true);

    await page.goto("/my?group=section&quarter=2026Q4");
    await expect(
      main(page)
        .getByRole("heading", { level: 2, name: /^\d\. .+（\d+ 项）$/ })
        .first(),
    ).toBeVisible();
    await expect(main(page).getByRole("cell", { name: "2026Q3", exact: true })).toHaveCount(0);

    await page.goto("/my?status=WHATEVER&group=month");
    await expect(main(page).getByRole("alert")).toContainText("筛选条件无效：状态筛选无效");
    await expect(main(page).getByRole("alert")).toContainText("分组方式无效");
    await expect(main(page).getByRole("link", { name: `填报任务 ${tasks[0]} 2026Q4` })).toBeVisible();
    await page.close();
  });

  test("staff tick two drafts and submit them at once; both then await review", async () => {
    const page = await staff.newPage();
    await saveDraft(page, tasks[0]!, "2026Q4", "批量提交测试：第一项本季度进展。");
    await saveDraft(page, tasks[1]!, "2026Q4", "批量提交测试：第二项本季度进展。");
    await page.goto("/my?status=DRAFT");
    await expect(row(page, tasks[0]!)).toContainText("草稿");
    await row(page, tasks[0]!).getByRole("checkbox").check();
    await row(page, tasks[1]!).getByRole("checkbox").check();
    await page.getByRole("button", { name: "提交所选报告" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已提交 2 份报告" })).toContainText(`任务 ${tasks[0]}（2026年第四季度）`);
    await page.goto("/my?status=SUBMITTED");
    for (const task of tasks.slice(0, 2)) {
      await expect(
        main(page)
          .getByRole("row")
          .filter({ hasText: `${task}. ` }),
      ).toContainText("已提交待审核");
    }
    await page.close();
  });

  test("a batch with one report changed meanwhile submits nothing, names it, and keeps the ticks", async () => {
    const page = await staff.newPage();
    await saveDraft(page, tasks[2]!, "2026Q4", "第三项草稿。");
    await saveDraft(page, tasks[3]!, "2026Q4", "第四项草稿。");
    await page.goto("/my");
    await row(page, tasks[2]!).getByRole("checkbox").check();
    await row(page, tasks[3]!).getByRole("checkbox").check();
    // Someone of the unit saves the fourth in another tab after this list was loaded.
    const other = await staff.newPage();
    await saveDraft(other, tasks[3]!, "2026Q4", "第四项草稿（同事改过）。");
    await other.close();

    await page.getByRole("button", { name: "提交所选报告" }).click();
    const alert = main(page).getByRole("alert");
    await expect(alert).toContainText(`未提交任何报告。任务 ${tasks[3]}（2026年第四季度）：`);
    await expect(alert).toContainText("修改了该报告");
    await expect(row(page, tasks[2]!).getByRole("checkbox")).toBeChecked();
    await expect(row(page, tasks[3]!).getByRole("checkbox")).toBeChecked();
    await page.reload();
    await expect(row(page, tasks[2]!)).toContainText("草稿");
    await expect(row(page, tasks[3]!)).toContainText("草稿");
    await page.close();
  });

  test("沿用上季度 from the report form creates the report marked carried, and the reviewer sees the mark", async ({ browser }) => {
    const page = await staff.newPage();
    const task = tasks[4]!;
    await saveDraft(page, task, "2026Q3", "第三季度：完成河道清淤 8 公里（沿用测试）。", "提交审核");
    const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const desk = await reviewer.newPage();
    await desk.goto("/review?city=yichun");
    await desk.getByRole("checkbox", { name: `选择 任务 ${task} 宜春市 2026Q3` }).check();
    await desk.getByRole("button", { name: "所选报告审核通过" }).click();
    await expect(main(desk).getByRole("status").filter({ hasText: "已审核通过 1 份报告" })).toBeVisible();

    await page.goto(`/progress/${task}/2026Q4`);
    await page.getByRole("button", { name: "本季度无新进展，沿用上季度" }).click();
    await expect(page.getByRole("form", { name: "沿用上季度" })).toContainText("2026年第三季度已通过报告");
    await page.getByRole("button", { name: "确认沿用并提交" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
    await expect(main(page)).toContainText("沿用上季度（2026年第三季度已通过报告）");
    await expect(main(page)).toContainText("第三季度：完成河道清淤 8 公里（沿用测试）。");
    await expect(main(page).getByText("沿用上季度并提交")).toBeVisible();

    await desk.goto("/review?city=yichun");
    const queued = main(desk)
      .getByRole("row")
      .filter({ has: desk.getByRole("checkbox", { name: `选择 任务 ${task} 宜春市 2026Q4` }) });
    await expect(queued).toContainText("沿用上季度（2026年第三季度已通过报告）");
    await queued.getByRole("link").click();
    await expect(main(desk)).toContainText("沿用上季度（2026年第三季度已通过报告）");
    await reviewer.close();
    await page.close();
  });

  test("沿用上季度 for a ticked task with nothing accepted before is refused, naming it, and carries nothing", async () => {
    const page = await staff.newPage();
    await page.goto("/my");
    await row(page, tasks[5]!).getByRole("checkbox").check();
    await page.getByRole("button", { name: "所选报告本季度无新进展，沿用上季度并提交" }).click();
    await expect(main(page).getByRole("alert")).toHaveText(
      `未沿用任何报告。任务 ${tasks[5]}（2026年第四季度）：本单位此前没有审核通过的该任务报告，无法沿用上季度，请直接填报。`,
    );
    await expect(row(page, tasks[5]!)).toContainText("未填写");
    await page.close();
  });
});
