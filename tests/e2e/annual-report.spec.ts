import { expect, test } from "@playwright/test";
import { errorOf } from "./json";
import { storageStateOf } from "./accounts";

test("the reviewer edits the annual report's narrative, previews it and downloads it as Word", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
  const page = await context.newPage();
  await page.goto("/annual");
  await expect(page).toHaveURL(/\/annual\/2026$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2026年度报告");
  const preview = page.getByRole("article", { name: "年度报告预览" });
  await expect(preview).toContainText("美丽江西建设2026年度工作情况报告");
  await expect(preview).toContainText("全省细颗粒物（PM2.5）平均浓度");

  await page.getByLabel("一、总体情况").fill("");
  await page.getByRole("button", { name: "保存正文" }).click();
  await expect(page.locator("#narrative-intro-error")).toHaveText("请填写总体情况");
  await page.getByLabel("一、总体情况").fill("2026年，全省上下扎实推进美丽江西建设（端到端测试）。");
  await page.getByRole("button", { name: "保存正文" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "已保存第" })).toContainText("版正文");
  await expect(preview).toContainText("2026年，全省上下扎实推进美丽江西建设（端到端测试）。");

  // Section 三 task by task: the reviewer's two lines become two paragraphs, and the sign-off is theirs.
  await page.getByText("三、重点任务推进情况（逐项编辑").click();
  const task1 = page.getByLabel(/^任务1 /);
  await expect(task1).toHaveValue(/^本年度\d+个责任单位/);
  await expect(task1).not.toHaveValue(/\d{4}Q[1-4]/);
  await task1.fill("任务一审定文字第一段。\n任务一审定文字第二段。");
  await page.getByLabel("发文机关署名", { exact: true }).fill("江西省美丽江西建设工作领导小组办公室");
  await page.getByLabel("成文日期", { exact: true }).fill("2026-12-02");
  await page.getByRole("button", { name: "保存正文" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "已保存第" })).toContainText("版正文");
  await expect(preview.locator("p", { hasText: "任务一审定文字" })).toHaveText(["任务一审定文字第一段。", "任务一审定文字第二段。"]);
  const signOff = preview.getByLabel("署名和成文日期").locator("p");
  await expect(signOff).toHaveText(["江西省美丽江西建设工作领导小组办公室", "2026年12月2日"]);

  // Regenerating from the latest data replaces the edited text with the system's draft, saved as the next version.
  await page.getByText("三、重点任务推进情况（逐项编辑").click();
  await expect(page.getByLabel(/^任务1 /)).toHaveValue("任务一审定文字第一段。\n任务一审定文字第二段。");
  await page.getByRole("button", { name: "按最新数据重新生成初稿" }).click();
  await expect(page.getByLabel(/^任务1 /)).toHaveValue(/^本年度\d+个责任单位/);
  await page.getByRole("button", { name: "保存正文" }).click();
  await expect(page.getByRole("main").getByRole("status").filter({ hasText: "已保存第" })).toContainText("版正文");
  await expect(preview).not.toContainText("任务一审定文字");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "下载 Word（.docx）" }).click();
  expect((await download).suggestedFilename()).toBe("美丽江西建设2026年度工作情况报告.docx");
  await context.close();
});

test("the Word file has a stable address for reviewers and leaders only", async ({ browser, request }) => {
  const leader = await browser.newContext({ storageState: storageStateOf("leader") });
  const response = await leader.request.get("/api/v1/reports/annual/2026.docx");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  expect((await response.body()).subarray(0, 2).toString()).toBe("PK");
  await leader.close();

  const staff = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const refused = await staff.request.get("/api/v1/reports/annual/2026.docx");
  expect(refused.status()).toBe(403);
  expect((await errorOf(refused)).message).toBe("当前账号无权执行此操作");
  await staff.close();
  expect((await request.get("/api/v1/reports/annual/2026.docx")).status()).toBe(401);

  const tasks = await request.get("/api/v1/tasks.xlsx?section=2");
  expect(tasks.status()).toBe(200);
  expect(tasks.headers()["content-disposition"]).toContain(encodeURIComponent("美丽江西重点任务.xlsx"));
});
