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

/** Groups rows by their figures; every group of equal figures must read one shared rank, 并列 when more than one. */
function expectTiesShareARank(rows: { figures: string; rank: string }[]) {
  const groups = new Map<string, string[]>();
  for (const row of rows) groups.set(row.figures, [...(groups.get(row.figures) ?? []), row.rank]);
  const tied = [...groups.values()].filter((ranks) => ranks.length > 1);
  // Nothing is reported on the demo seed, so cities tie (a few may have reported in other specs).
  expect(tied.length).toBeGreaterThan(0);
  for (const ranks of tied) {
    expect(new Set(ranks).size, ranks.join("、")).toBe(1);
    expect(ranks[0]).toMatch(/^并列第 \d+ 名/);
  }
  for (const ranks of groups.values()) if (ranks.length === 1) expect(ranks[0]).toMatch(/^第 \d+ 名/);
}

test("the cities side by side: cities with the same figures share a rank (并列), with the share lagging beside it", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  await page.goto("/dashboard/cities");
  await expect(page.getByRole("heading", { level: 2 })).toHaveCount(11);
  await expect(page.getByRole("listitem").filter({ hasText: "南昌市" })).toContainText("PM2.5");
  const cards = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2 }) });
  const rows = await cards.evaluateAll((items) =>
    items.map((item) => {
      const terms = [...item.querySelectorAll("dt")].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent ?? ""]);
      const figure = (label: string) => terms.find(([term]) => term === label)?.[1] ?? "";
      return { figures: `${figure("滞后或逾期任务")}|${figure("平均完成")}`, rank: item.querySelector("h2 span")?.textContent ?? "" };
    }),
  );
  expect(rows).toHaveLength(11);
  expect(rows.every((row) => /（滞后 [\d.]+%）$/.test(row.rank))).toBe(true);
  expectTiesShareARank(rows);

  // The drill-down names the city in Chinese, not by its code.
  await cards.getByRole("link", { name: "南昌市" }).click();
  await expect(page).toHaveURL(/\/dashboard\/tasks\?city=nanchang&status=LAGGING$/);
  await expect(page.getByRole("main").getByRole("status")).toContainText("南昌市，共");
  await expect(page.getByRole("main").getByRole("status")).not.toContainText("nanchang");

  await page.goto("/dashboard");
  const ranking = page.getByRole("region", { name: "设区市排名" });
  await expect(ranking.getByRole("row")).toHaveCount(12);
  const cells = await ranking.getByRole("row").evaluateAll((trs) =>
    trs.slice(1).map((tr) => {
      const texts = [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "");
      // The ranked figures (tasks, lagging, share, average), not the PM2.5 shown beside them.
      return { rank: texts[0]!, figures: texts.slice(2, 6).join("|") };
    }),
  );
  expect(cells).toHaveLength(11);
  expectTiesShareARank(cells);
  await context.close();
});

test("the dashboard leads with the plan's headline indicators and reads a missed 2025 target as 未达标", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("leader") });
  const page = await context.newPage();
  await page.goto("/dashboard");
  const indicators = page.getByRole("region", { name: "目标指标进度" });
  // The widget streams in behind a skeleton: wait for its rows.
  await expect(indicators.getByRole("rowheader").first()).toBeVisible();
  const names = await indicators.getByRole("row").locator("td:first-child a").allTextContents();
  expect(names.slice(0, 3)).toEqual(["全省细颗粒物（PM2.5）平均浓度", "全省地表水水质优良比例", "森林覆盖率"]);
  const groups = await indicators.getByRole("rowheader").allTextContents();
  expect(groups).toEqual([expect.stringMatching(/^主要目标（实施意见正文）/), expect.stringMatching(/^其他目标（重点任务清单）/)]);
  await expect(indicators.getByRole("row").filter({ hasText: "新能源装机容量" })).toContainText("未达标");

  await indicators.getByRole("link", { name: "新能源装机容量" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新能源装机容量");
  await expect(page.getByText(/当前判断/)).toContainText("未达标");
  const targets = page.getByRole("region", { name: "目标与进度判断" });
  await expect(targets.getByRole("row").filter({ hasText: "2025" })).toContainText("未达标");
  await expect(targets.getByRole("row").filter({ hasText: "2026" })).toContainText("数据过旧");
  await context.close();
});

test("the indicator page leads to its tasks and their accepted reports", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("leader") });
  const page = await context.newPage();
  await page.goto("/indicators/PM25");
  const tasks = page.getByRole("region", { name: "相关重点任务与审核通过的报告" });
  await expect(tasks.getByRole("heading", { level: 3 })).toHaveCount(2);
  await expect(tasks.getByRole("link", { name: /^任务 19：/ })).toBeVisible();
  await tasks.getByRole("link", { name: /^任务 20：/ }).click();
  await expect(page).toHaveURL(/\/tasks\/20$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("20");
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
