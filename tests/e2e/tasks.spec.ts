import { expect, test } from "@playwright/test";
import { storageStateOf } from "./accounts";

test.use({ storageState: storageStateOf("leader") });

const rows = (page: import("@playwright/test").Page) => page.getByRole("table").locator("tbody tr");

test("lists all 60 tasks and filters them through the URL", async ({ page }) => {
  await page.goto("/tasks");
  await expect(rows(page)).toHaveCount(60);

  await page.getByLabel("篇章").selectOption("3");
  await page.getByLabel("完成时限").selectOption("2035");
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page).toHaveURL(/section=3/);
  await expect(page).toHaveURL(/year=2035/);
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThan(60);
  for (const deadline of await rows(page).locator("time").allTextContents()) expect(deadline).toContain("2035");

  // The filtered view survives a reload: its state lives in the URL.
  await page.reload();
  await expect(rows(page)).toHaveCount(count);
  await expect(page.getByLabel("篇章")).toHaveValue("3");
});

test("filters by unit and by text, and sorts by deadline", async ({ page }) => {
  await page.goto("/tasks");
  await page.getByLabel("省直责任单位").selectOption({ label: "省科技厅" });
  await page.getByRole("button", { name: "筛选" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("省科技厅承担的任务");
  await expect(rows(page).first()).toContainText("省科技厅");

  await page.goto("/tasks?q=美丽河湖");
  await expect(rows(page).filter({ hasText: "推进美丽河湖建设" })).toHaveCount(1);

  await page.goto("/tasks");
  await page.getByRole("link", { name: /完成时限/ }).click();
  await expect(page).toHaveURL(/sort=deadline/);
  await expect(rows(page).first().locator("time")).toHaveAttribute("datetime", "2024-12-31");
  await expect(page.getByRole("columnheader", { name: /完成时限/ })).toHaveAttribute("aria-sort", "ascending");
});

test("an invalid filter in the URL is explained, not fatal", async ({ page }) => {
  await page.goto("/tasks?section=9");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("篇章编号应在 1–5 之间");
  await expect(rows(page)).toHaveCount(60);
});

test("opens a task with its content, units in order, cities and indicators", async ({ page }) => {
  await page.goto("/tasks");
  await page.getByRole("link", { name: "筑牢生态保护格局" }).click();
  await expect(page).toHaveURL(/\/tasks\/35$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("筑牢生态保护格局");
  // Task 35's row was split by the PDF extraction; its content reads as one text again.
  await expect(page.getByText("生态安全屏障。完成自然保护地整合优化")).toBeVisible();
  const units = page.getByRole("region", { name: "责任单位（按职责分工负责）" }).locator("ol li");
  await expect(units).toHaveText(["省林业局", "省水利厅", "省自然资源厅", "省生态环境厅", "省科技厅"]);
  await expect(page.getByRole("link", { name: "上饶市" })).toBeVisible();
  await expect(page.locator("dt", { hasText: "牵头单位" }).locator("xpath=..")).toContainText("未指定");

  await page.goto("/tasks/24");
  await expect(page.getByRole("region", { name: "相关目标指标" })).toContainText("美丽河湖");
});

test("an unknown task shows the not-found page", async ({ page }) => {
  const response = await page.goto("/tasks/61");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("the unit page and the indicator catalogue", async ({ page }) => {
  await page.goto("/units/lyj");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("省林业局");
  await expect(page.getByRole("region", { name: /承担的任务|任务/ }).first()).toContainText("推进现代林业产业示范省建设");

  await page.goto("/indicators");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("目标指标");
  const pm25 = page.getByRole("row").filter({ hasText: "PM2.5" });
  await expect(pm25).toContainText("28");
  await expect(pm25).toContainText("25");
});
