import { expect, test } from "@playwright/test";
import { ProgressListBodySchema } from "@/lib/api/progress.contract";
import { bodyOf } from "./json";
import { storageStateOf } from "./accounts";

test("the reviewer sends a 催办 and the unit sees it on its to-do list", async ({ browser }) => {
  const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await reviewer.newPage();
  await page.goto("/reminders");
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "省水利厅", exact: true }) });
  await expect(row).toContainText("/");
  await row.getByRole("checkbox").check();
  await page.getByLabel("季度").selectOption("2026Q3");
  await page.getByLabel("内容").fill("请于本周内报送第三季度进展（水利厅）。");
  await page.getByRole("button", { name: "向所选单位发出" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("已向 1 个单位发出催办。");
  await expect(page.getByRole("region", { name: "催办与通报记录" })).toContainText("请于本周内报送第三季度进展（水利厅）。");
  await reviewer.close();

  const staff = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
  const staffPage = await staff.newPage();
  await staffPage.goto("/my");
  await expect(staffPage.getByRole("region", { name: "催办通知" })).toContainText(
    "【催办】2026年第3季度：请于本周内报送第三季度进展（水利厅）。",
  );
  await staff.close();
});

test("an admin issues an API token that reads accepted reports only, then revokes it", async ({ browser, request }) => {
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  await page.getByLabel("用途（如：省大数据平台）").fill("省大数据平台");
  await page.getByRole("button", { name: "签发" }).click();
  const issued = page.getByRole("main").getByRole("status");
  await expect(issued).toContainText("mljx_");
  const token = /mljx_[A-Za-z0-9_-]+/.exec((await issued.textContent()) ?? "")![0];

  const response = await request.get("/api/v1/progress", { headers: { Authorization: `Bearer ${token}` } });
  expect(response.status()).toBe(200);
  const { data } = await bodyOf(response, ProgressListBodySchema);
  expect(data.every((report) => report.status === "ACCEPTED")).toBe(true);

  await page.reload();
  await page.getByRole("button", { name: "吊销 省大数据平台" }).click();
  await expect(page.getByRole("row").filter({ hasText: "省大数据平台" })).toContainText("已吊销");
  const revoked = await request.get("/api/v1/progress", { headers: { Authorization: `Bearer ${token}` } });
  expect(revoked.status()).toBe(401);
  await admin.close();
});

test("an admin changes the reporting window; staff cannot open the settings", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await admin.newPage();
  await page.goto("/admin/settings");
  await page.getByLabel("季度结束后几天内报送（0–60）").fill("61");
  await page.getByRole("form", { name: "报送期限" }).getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.locator("#windowDays-error")).toHaveText("请填写 0–60 之间的天数");
  await page.getByLabel("季度结束后几天内报送（0–60）").fill("15");
  await page.getByRole("form", { name: "报送期限" }).getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("报送期限已设为季度结束后 15 天。");
  // Back to the default for the other tests, from a freshly loaded form (its version moved on).
  await page.reload();
  await page.getByLabel("季度结束后几天内报送（0–60）").fill("10");
  await page.getByRole("form", { name: "报送期限" }).getByRole("button", { name: "保存", exact: true }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("报送期限已设为季度结束后 10 天。");
  await admin.close();

  const staff = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const staffPage = await staff.newPage();
  await staffPage.goto("/admin/settings");
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  await staff.close();
});
