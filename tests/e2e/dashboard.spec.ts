import { expect, test } from "@playwright/test";
import { AssessmentBodySchema, ObservationListBodySchema } from "@/lib/api/indicators.contract";
import { bodyOf } from "./json";
import { storageStateOf } from "./accounts";

test("the leader sees PM2.5 against 28 (2027) and 25 (2035), drills into a lagging section and prints the brief", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("leader") });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  const indicators = page.getByRole("region", { name: "目标指标进度" });
  const pm25 = indicators.getByRole("row").filter({ hasText: "细颗粒物（PM2.5）" });
  await expect(pm25).toContainText("2027年 ≤ 28");
  await expect(pm25).toContainText("2035年 ≤ 25");
  await expect(pm25).toContainText("示例数据");
  await expect(pm25).toContainText("按期可达");

  await pm25.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("全省细颗粒物（PM2.5）平均浓度");
  const targets = page.getByRole("region", { name: "目标与进度判断" });
  await expect(targets.getByRole("row").filter({ hasText: "2027" })).toContainText("≤ 28 微克/立方米");
  await expect(targets.getByRole("row").filter({ hasText: "2035" })).toContainText("≤ 25 微克/立方米");
  await expect(page.getByRole("figure", { name: /走势图/ }).first()).toBeVisible();
  await page.goBack();

  const sections = page.getByRole("region", { name: "各篇章推进情况" });
  await sections.getByRole("link", { name: "2. 持续深入推进污染防治提升攻坚" }).click();
  await expect(page).toHaveURL(/\/dashboard\/tasks\?section=2&status=LAGGING$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("任务明细：滞后或逾期");
  await expect(page.getByRole("main").getByRole("status")).toContainText("第2篇");
  const rows = page.getByRole("main").getByRole("row");
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(rows.nth(1)).toContainText(/逾期/);

  await page.goto("/dashboard");
  await page.getByRole("link", { name: "本季度变化（可打印）" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("本季度变化简报");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "打印（A4）" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "主导航" })).toBeHidden();
  const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? [];
  expect(pages).toHaveLength(1);
  await context.close();
});

test("the cities side by side", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  await page.goto("/dashboard/cities");
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(11);
  await expect(page.getByRole("listitem").filter({ hasText: "南昌市" })).toContainText("PM2.5");
  await context.close();
});

test("staff see no dashboard, and the province-wide assessment is public", async ({ browser, request }) => {
  const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const page = await context.newPage();
  for (const path of ["/dashboard", "/dashboard/brief", "/dashboard/tasks?status=LAGGING", "/review/observations"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText("无权访问");
  }
  await context.close();

  const response = await request.get("/api/v1/indicators/PM25/assessment");
  expect(response.status()).toBe(200);
  const { data } = await bodyOf(response, AssessmentBodySchema);
  expect(data.targets.map((target) => [target.year, target.comparator, target.value])).toEqual([
    [2027, "≤", 28],
    [2035, "≤", 25],
  ]);
  expect(data.latest).toEqual({ value: 27.4, period: "2025" });
  const values = await bodyOf(await request.get("/api/v1/indicators/PM25/observations?area=nanchang"), ObservationListBodySchema);
  expect(values.data).toEqual([expect.objectContaining({ area: "nanchang", period: "2024", value: 32, demo: true })]);
  expect((await request.get("/api/v1/indicators/NOPE/assessment")).status()).toBe(404);
});
