import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { ProgressListBodySchema } from "@/lib/api/progress.contract";
import { bodyOf, errorOf } from "./json";
import { storageStateOf } from "./accounts";

/**
 * The whole quarterly cycle as real users: 南昌市 staff fills task 24 for 2026Q4 with a figure and
 * an evidence file and submits; the reviewer returns it with a comment; staff fixes and resubmits;
 * the reviewer accepts; the task page and the API show it.
 */
const EVIDENCE = path.resolve("tests/fixtures/evidence.pdf");
const main = (page: Page) => page.getByRole("main");

test.describe.serial("quarterly report cycle", () => {
  test("city staff fills in, attaches evidence and submits", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    await expect(page.getByRole("heading", { level: 1, name: "我的待办" })).toBeVisible();
    await expect(main(page).getByRole("status").first()).toContainText("2026年第四季度");
    await page.getByRole("link", { name: "填报任务 24 2026Q4" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("推进美丽河湖建设");

    await page.getByLabel("完成百分比（0–100）").fill("30");
    await page.getByLabel("工作进展").fill("修河源美丽河湖建设完成方案编制，完成 12 公里岸线整治。");
    await page.getByLabel("美丽河湖建成率·数值（%）").fill("41.5");
    await page.getByLabel("美丽河湖建成率·所属期间").fill("2026");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(page).toHaveURL(/\/progress\/24\/2026Q4\?saved=\d+$/);
    await expect(main(page).getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();
    await expect(page.getByLabel("工作进展")).toHaveValue("修河源美丽河湖建设完成方案编制，完成 12 公里岸线整治。");

    await page.getByLabel(/上传文件/).setInputFiles(EVIDENCE);
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(page.getByRole("link", { name: "evidence.pdf" })).toBeVisible();

    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
    await expect(main(page).getByRole("status").filter({ hasText: "已提交" })).toBeVisible();
    await expect(main(page)).toContainText("已提交待审核");
    await context.close();
  });

  test("the reviewer needs a comment to return it, then returns it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/review");
    const row = main(page).getByRole("row").filter({ hasText: "南昌市" }).filter({ hasText: "推进美丽河湖建设" });
    await row.getByRole("link").click();
    await expect(main(page)).toContainText("修河源美丽河湖建设完成方案编制");
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "evidence.pdf" }).click();
    expect((await download).suggestedFilename()).toBe("evidence.pdf");

    await page.getByRole("button", { name: "退回修改" }).click();
    await expect(page.locator("#review-comment-error")).toHaveText("退回时请填写审核意见");
    await page.getByLabel("审核意见（退回时必填）").fill("请补充岸线整治的验收材料。");
    await page.getByRole("button", { name: "退回修改" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已退回 1 份报告" })).toBeVisible();
    await context.close();
  });

  test("staff see the returned report first, fix it and resubmit", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    const first = main(page).getByRole("row").nth(1);
    await expect(first).toContainText("被退回");
    await expect(first).toContainText("请补充岸线整治的验收材料。");
    await first.getByRole("link", { name: "填报任务 24 2026Q4" }).click();
    await page.getByLabel("工作进展").fill("修河源美丽河湖建设完成方案编制，完成 12 公里岸线整治，已通过县级验收。");
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/reports\/\d+\?submitted=1$/);
    await expect(main(page)).toContainText("修改后重新提交");
    await context.close();
  });

  test("the reviewer accepts it from the queue; the task page and the API show it", async ({ browser, request }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/review?city=nanchang");
    await page.getByRole("checkbox", { name: "选择 任务 24 南昌市 2026Q4" }).check();
    await page.getByRole("button", { name: "所选报告审核通过" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已审核通过 1 份报告" })).toBeVisible();
    await context.close();

    const leader = await browser.newContext({ storageState: storageStateOf("leader") });
    const leaderPage = await leader.newPage();
    await leaderPage.goto("/tasks/24");
    const history = leaderPage.getByRole("region", { name: "各单位进展报告" });
    await expect(history.getByRole("row").filter({ hasText: "南昌市" })).toContainText("已通过县级验收");
    const api = await leaderPage.request.get("/api/v1/progress?task=24&unit=nanchang&quarter=2026Q4");
    expect(api.status()).toBe(200);
    const { data } = await bodyOf(api, ProgressListBodySchema);
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({
      quarter: "2026Q4",
      status: "ACCEPTED",
      unit: { code: "nanchang", name: "南昌市", kind: "city" },
      percent: 30,
      figures: [{ indicator: "BEAUTIFUL_RIVERS_RATE", value: 41.5, period: "2026" }],
    });
    await leader.close();

    const anonymous = await request.get("/api/v1/progress?task=24");
    expect(anonymous.status()).toBe(401);
    expect((await errorOf(anonymous)).message).toContain("未登录");
    const admin = await browser.newContext({ storageState: storageStateOf("admin") });
    const forbidden = await admin.request.get("/api/v1/progress");
    expect(forbidden.status()).toBe(403);
    await admin.close();
  });
});

test("a second browser saving the same report is refused and keeps its text", async ({ browser }) => {
  const first = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const second = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const pageA = await first.newPage();
  const pageB = await second.newPage();
  for (const page of [pageA, pageB]) await page.goto("/progress/26/2026Q4");
  await pageA.getByLabel("工作进展").fill("甲：全域开展无废城市建设，完成 3 个园区试点。");
  await pageB.getByLabel("工作进展").fill("乙：完成工业固废台账核查。");
  await pageA.getByRole("button", { name: "保存草稿" }).click();
  await expect(pageA).toHaveURL(/saved=\d+$/);
  await pageB.getByRole("button", { name: "保存草稿" }).click();
  await expect(pageB.getByRole("main").getByRole("alert")).toContainText(/南昌市填报人 已于 .* 修改了该报告/);
  await expect(pageB.getByLabel("工作进展")).toHaveValue("乙：完成工业固废台账核查。");
  await first.close();
  await second.close();
});
