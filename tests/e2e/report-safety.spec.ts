import { expect, test, type Browser, type Page, type Route } from "@playwright/test";
import { storageStateOf } from "./accounts";

/**
 * The report form never loses what 南昌市 staff typed: a save whose answer is lost on the way, a
 * server error page, a colleague's save in between, or a click on the navigation bar — and a
 * submitted report can be withdrawn (撤回) until the reviewer acts on it. Each test has a task of
 * its own (39–43, 2026Q4).
 */
const main = (page: Page) => page.getByRole("main");
const reportForm = (page: Page) => page.getByRole("form", { name: "进展报告" });

async function staffPage(browser: Browser, path: string) {
  const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const page = await context.newPage();
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("进展");
  return { context, page };
}

/** Routes the next server-action POST of `page` to `handle`, once; everything else goes through. */
async function onNextActionPost(page: Page, handle: (route: Route) => Promise<void>): Promise<() => number> {
  let handled = 0;
  await page.route("**/*", async (route) => {
    const request = route.request();
    if (handled === 0 && request.method() === "POST" && "next-action" in request.headers()) {
      handled += 1;
      return handle(route);
    }
    return route.fallback();
  });
  return () => handled;
}

const FILLED = {
  percent: "45",
  progress: "全市完成造林 1.2 万亩，退化林修复 0.8 万亩。",
  problems: "部分县区苗木供应偏紧。",
  nextSteps: "四季度完成林长制考核。",
};

async function fillReport(page: Page, figure: { label: RegExp; value: string }) {
  await page.getByLabel("完成百分比（0–100）").fill(FILLED.percent);
  await page.getByLabel("工作进展").fill(FILLED.progress);
  await page.getByLabel("存在问题").fill(FILLED.problems);
  await page.getByLabel("下步计划").fill(FILLED.nextSteps);
  await page.getByLabel(figure.label).fill(figure.value);
}

async function expectFilled(page: Page, figure: { label: RegExp; value: string }) {
  await expect(page.getByLabel("完成百分比（0–100）")).toHaveValue(FILLED.percent);
  await expect(page.getByLabel("工作进展")).toHaveValue(FILLED.progress);
  await expect(page.getByLabel("存在问题")).toHaveValue(FILLED.problems);
  await expect(page.getByLabel("下步计划")).toHaveValue(FILLED.nextSteps);
  await expect(page.getByLabel(figure.label)).toHaveValue(figure.value);
}

test("a save whose answer is lost keeps every field as typed, says so in Chinese, and 重试 saves it exactly once", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "/progress/39/2026Q4");
  const figure = { label: /^南昌市森林覆盖率·数值/, value: "61.2" };
  await fillReport(page, figure);
  // The request reaches the server and is saved; the connection drops before the answer arrives.
  const dropped = await onNextActionPost(page, async (route) => {
    await route.fetch();
    await route.abort("connectionreset");
  });
  await page.getByRole("button", { name: "保存草稿" }).click();

  await expect(reportForm(page).getByRole("alert")).toContainText("网络连接中断");
  await expect(main(page)).not.toContainText("This page couldn");
  await expect(page).toHaveURL(/\/progress\/39\/2026Q4$/);
  await expectFilled(page, figure);
  expect(dropped()).toBe(1);

  // The same request again (same idempotency key): answered with the save already made, not a second one.
  await reportForm(page).getByRole("button", { name: "重试" }).click();
  await expect(page).toHaveURL(/\/progress\/39\/2026Q4\?saved=1$/);
  await expect(main(page).getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();
  await expectFilled(page, figure);
  await context.close();
});

test("a server error page in answer to 保存草稿 keeps the form and says so in Chinese; 重试 saves it", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "/progress/40/2026Q4");
  const figure = { label: /^南昌市水土保持率·数值/, value: "88.6" };
  await fillReport(page, figure);
  await onNextActionPost(page, (route) =>
    route.fulfill({ status: 500, contentType: "text/html", body: "<html><body><h1>500 Internal Server Error</h1></body></html>" }),
  );
  await page.getByRole("button", { name: "保存草稿" }).click();

  await expect(reportForm(page).getByRole("alert")).toContainText("服务器没有正常答复");
  await expect(main(page)).not.toContainText("Internal Server Error");
  await expectFilled(page, figure);

  await reportForm(page).getByRole("button", { name: "重试" }).click();
  await expect(page).toHaveURL(/\/progress\/40\/2026Q4\?saved=1$/);
  await expectFilled(page, figure);
  await context.close();
});

test("a save refused because a colleague saved first shows their version beside mine, keeps mine, and can overwrite it", async ({
  browser,
}) => {
  const colleague = await staffPage(browser, "/progress/41/2026Q4");
  const me = await staffPage(browser, "/progress/41/2026Q4");

  await colleague.page.getByLabel("完成百分比（0–100）").fill("50");
  await colleague.page.getByLabel("工作进展").fill("甲：湿地保护修复 3 处，完成湿地名录更新。");
  await colleague.page.getByRole("button", { name: "保存草稿" }).click();
  await expect(colleague.page).toHaveURL(/saved=1$/);

  const mine = "乙：完成鄱阳湖湿地保护率测算，新增省级重要湿地 2 处。";
  await me.page.getByLabel("完成百分比（0–100）").fill("30");
  await me.page.getByLabel("工作进展").fill(mine);
  await me.page.getByLabel("存在问题").fill("乙：监测站点不足。");
  await me.page.getByLabel("下步计划").fill("乙：补设监测站点。");
  await me.page.getByRole("button", { name: "保存草稿" }).click();

  const form = reportForm(me.page);
  await expect(form.getByRole("alert")).toContainText(/南昌市填报人 已于 .* 修改了该报告/);
  const panel = form.getByRole("region", { name: "与南昌市填报人保存的版本对照" });
  await expect(panel).toContainText("保存了第 1 版（草稿）");
  await expect(panel).toContainText("有 4 处与您的内容不同");
  const row = (field: string) => panel.getByRole("row").filter({ has: me.page.getByRole("rowheader", { name: field }) });
  await expect(row("完成百分比")).toContainText("50%");
  await expect(row("完成百分比")).toContainText("30%");
  await expect(row("工作进展")).toContainText("甲：湿地保护修复 3 处");
  await expect(row("工作进展")).toContainText(mine);
  await expect(row("存在问题")).toContainText("乙：监测站点不足。");
  await expect(row("下步计划")).toContainText("乙：补设监测站点。");
  await expect(panel.getByRole("row").filter({ has: me.page.getByRole("rowheader", { name: /进展状态|指标/ }) })).toHaveCount(0);
  // The differing fields are marked in the form too, and nothing I typed has moved.
  await expect(form.getByText("与对方版本不同")).toHaveCount(4);
  await expect(me.page.getByLabel("工作进展")).toHaveValue(mine);
  await expect(me.page.getByLabel("完成百分比（0–100）")).toHaveValue("30");

  // Take one field from their version; keep the rest of mine and save it over theirs.
  await row("下步计划").getByRole("button", { name: "采用此项" }).click();
  await expect(me.page.getByLabel("下步计划")).toHaveValue("");
  await expect(panel).toContainText("有 3 处与您的内容不同");
  await panel.getByRole("button", { name: "保留我的内容并覆盖保存" }).click();
  await expect(me.page).toHaveURL(/\/progress\/41\/2026Q4\?saved=2$/);
  await expect(me.page.getByLabel("工作进展")).toHaveValue(mine);
  await expect(me.page.getByLabel("存在问题")).toHaveValue("乙：监测站点不足。");
  await expect(me.page.getByLabel("下步计划")).toHaveValue("");

  // The colleague's window, still on version 1, is refused in turn and shown my version.
  await colleague.page.getByLabel("工作进展").fill("甲：再次修改。");
  await colleague.page.getByRole("button", { name: "保存草稿" }).click();
  await expect(reportForm(colleague.page).getByRole("region", { name: /版本对照/ })).toContainText("保存了第 2 版");
  await reportForm(colleague.page).getByRole("button", { name: "采用对方版本" }).click();
  await expect(colleague.page.getByLabel("工作进展")).toHaveValue(mine);
  await expect(reportForm(colleague.page).getByRole("region", { name: /版本对照/ })).toHaveCount(0);
  await colleague.context.close();
  await me.context.close();
});

test("a navigation-bar link with unsaved text asks first; staying keeps the text", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "/progress/42/2026Q4");
  await page.getByLabel("工作进展").fill("尚未保存：完成生态保护红线勘界。");
  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.dismiss();
  });
  const link = page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的待办" });
  await link.click();
  await expect.poll(() => questions).toEqual(["本页有尚未保存的内容，离开后将丢失。确定要离开吗？"]);
  await expect(page).toHaveURL(/\/progress\/42\/2026Q4$/);
  await expect(page.getByLabel("工作进展")).toHaveValue("尚未保存：完成生态保护红线勘界。");

  page.once("dialog", (dialog) => void dialog.accept());
  await link.click();
  await expect(page).toHaveURL(/\/my$/);
  await context.close();
});

test("staff withdraw a submitted report: it is a draft again, gone from the review queue, and in the audit log", async ({ browser }) => {
  const { context, page } = await staffPage(browser, "/progress/43/2026Q4");
  await page.getByLabel("工作进展").fill("完成自然保护地整合优化方案报批。");
  await page.getByRole("button", { name: "提交审核" }).click();
  await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
  const reportId = /\/reports\/(\d+)/.exec(page.url())![1]!;

  const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const queue = await reviewer.newPage();
  await queue.goto("/review?city=nanchang");
  const inQueue = queue.getByRole("checkbox", { name: "选择 任务 43 南昌市 2026Q4" });
  await expect(inQueue).toHaveCount(1);

  const questions: string[] = [];
  page.once("dialog", (dialog) => {
    questions.push(dialog.message());
    void dialog.accept();
  });
  await page.getByRole("form", { name: "撤回报告" }).getByRole("button", { name: "撤回" }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${reportId}\\?withdrawn=1$`));
  expect(questions).toEqual(["确定撤回这份报告吗？撤回后报告回到草稿状态，审核人将看不到它；修改后需重新提交审核。"]);
  await expect(main(page).getByRole("status").filter({ hasText: "已撤回" })).toContainText("报告回到草稿状态");
  await expect(main(page)).toContainText("报告状态 草稿 · 第 2 版");
  await expect(page.getByRole("region", { name: "版本记录" })).toContainText("第 2 版 · 撤回 · 南昌市填报人");
  await expect(page.getByRole("form", { name: "撤回报告" })).toHaveCount(0);
  await page.getByRole("link", { name: "修改报告" }).click();
  await expect(page.getByLabel("工作进展")).toHaveValue("完成自然保护地整合优化方案报批。");
  await context.close();

  await queue.reload();
  await expect(queue.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(inQueue).toHaveCount(0);
  await reviewer.close();

  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const log = await auditor.newPage();
  await log.goto("/audit");
  const entry = log
    .getByRole("main")
    .getByRole("row")
    .filter({ hasText: "撤回进展报告" })
    .filter({ hasText: `进展报告 · 任务43 · 南昌市 · 2026年第四季度 · 编号${reportId}` });
  await expect(entry).toHaveCount(1);
  await expect(entry).toContainText("南昌市填报人");
  await expect(entry).not.toContainText("nanchang");
  await auditor.close();
});
