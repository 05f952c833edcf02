import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";

/**
 * A unit's annual written report (年度工作情况) as real users: 南昌市 staff edits its pre-filled
 * report, a non-PDF 盖章扫描件 is refused with every typed section kept, then it attaches a PDF and
 * submits; the reviewer sets the deadline, returns it once, the city resubmits, the reviewer
 * accepts; the Word file opens and holds the text.
 */
const main = (page: Page) => page.getByRole("main");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");
const OVERVIEW = "2026年，南昌市扎实推进美丽江西建设（经本单位修改）。";

test.describe.serial("unit annual report cycle", () => {
  test("the reviewer sets the year's deadline", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/review/unit-reports?year=2026");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("2026年度各单位工作情况报告");
    await page.getByLabel("报送截止日期", { exact: true }).fill("2027-01-15");
    await page.getByRole("button", { name: "保存截止日期" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已设置2026年度" })).toBeVisible();
    await page.reload();
    await expect(main(page)).toContainText("报送截止 2027年1月15日");
    await expect(main(page).getByRole("row", { name: /南昌市/ })).toContainText("未报送");
    await context.close();
  });

  test("the city edits its pre-filled report; a non-PDF is refused keeping the text; with a PDF it submits", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    const todo = main(page).getByRole("region", { name: "年度工作情况报告" });
    await expect(todo).toContainText("请报送2026年度工作情况报告，截止 2027年1月15日");
    await todo.getByRole("link", { name: "填写年度工作情况报告" }).click();
    await expect(page).toHaveURL(/\/annual-reports\/2026$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("南昌市");

    const overview = page.getByLabel("一、总体情况");
    const drafted = await overview.inputValue();
    expect(drafted).toContain("承担重点任务");
    await expect(page.getByLabel("二、重点任务推进情况")).not.toHaveValue("");
    await expect(page.getByLabel("署名（发文机关）")).toHaveValue(/南昌市/);
    await overview.fill(OVERVIEW);
    await page.getByLabel("五、存在问题").fill("部分项目资金到位偏慢。");
    // Back to the draft and edited again: the way back works.
    await page.getByRole("button", { name: "总体情况：恢复为系统生成内容" }).click();
    await expect(overview).toHaveValue(drafted);
    await overview.fill(OVERVIEW);

    await page
      .getByLabel(/盖章扫描件/)
      .setInputFiles({ name: "盖章件.pdf", mimeType: "application/pdf", buffer: Buffer.from("这不是 PDF 文件") });
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(main(page).getByRole("alert").filter({ hasText: "只接受 PDF" })).toBeVisible();
    await expect(page.locator("#sealedFile-error")).toHaveText("文件内容不是 PDF");
    await expect(overview).toHaveValue(OVERVIEW);
    await expect(page.getByLabel("五、存在问题")).toHaveValue("部分项目资金到位偏慢。");

    await page.getByLabel(/盖章扫描件/).setInputFiles({ name: "南昌市盖章件.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "提交审核" }).click();
    await expect(page).toHaveURL(/\/annual-reports\/2026\?submitted=\d+$/);
    await expect(main(page).getByRole("status").filter({ hasText: "已提交" })).toBeVisible();
    await expect(main(page)).toContainText("审核完成前不能修改");
    await expect(main(page).getByRole("link", { name: "南昌市盖章件.pdf" })).toBeVisible();
    await expect(page.getByRole("region", { name: "修改历史" })).toContainText("提交年度工作情况报告");
    await context.close();
  });

  test("the reviewer returns it once, the city resubmits, the reviewer accepts, and its Word file opens", async ({ browser }) => {
    const reviewer = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await reviewer.newPage();
    await page.goto("/review/unit-reports?year=2026");
    await expect(main(page).getByRole("row", { name: /南昌市/ })).toContainText("已提交");
    await main(page).getByRole("link", { name: "查看南昌市的报告" }).click();
    await expect(main(page).getByRole("region", { name: "一、总体情况" })).toContainText(OVERVIEW);
    const pdf = await page.request.get("/api/unit-reports/2026/nanchang/sealed");
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const decision = main(page).getByRole("form", { name: /^审核南昌市/ });
    await decision.getByLabel(/审核意见/).fill("请补充指标完成情况的具体数值");
    await decision.getByRole("button", { name: "退回修改" }).click();
    await expect(main(page)).toContainText("退回意见：请补充指标完成情况的具体数值");

    const city = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const cityPage = await city.newPage();
    await cityPage.goto("/my");
    await expect(main(cityPage).getByRole("region", { name: "年度工作情况报告" })).toContainText("已被退回");
    await cityPage.goto("/annual-reports/2026");
    await expect(main(cityPage)).toContainText("退回意见：请补充指标完成情况的具体数值");
    await expect(cityPage.getByLabel("一、总体情况")).toHaveValue(OVERVIEW);
    await cityPage.getByLabel("四、指标完成情况").fill("细颗粒物（PM2.5）平均浓度26微克/立方米。");
    await cityPage.getByRole("button", { name: "提交审核" }).click();
    await expect(cityPage).toHaveURL(/\?submitted=\d+$/);

    await page.reload();
    await main(page)
      .getByRole("form", { name: /^审核南昌市/ })
      .getByRole("button", { name: "审核通过" })
      .click();
    await expect(main(page).getByRole("form", { name: /^解锁南昌市/ })).toBeVisible();
    await page.goto("/review/unit-reports?year=2026");
    await expect(main(page).getByRole("row", { name: /南昌市/ })).toContainText("已通过");

    const response = await city.request.get("/api/unit-reports/2026/nanchang/docx");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    const xml = await (await JSZip.loadAsync(await response.body())).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain("推进美丽江西建设2026年度工作情况报告");
    expect(text).toContain(OVERVIEW);
    expect(text).toContain("细颗粒物（PM2.5）平均浓度26微克/立方米。");
    expect(text).toMatch(/南昌市[^<]*\d{4}年\d{1,2}月\d{1,2}日/);
    // Another unit cannot open it.
    const other = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
    expect((await other.request.get("/api/unit-reports/2026/nanchang/docx")).status()).toBe(404);
    await Promise.all([reviewer.close(), city.close(), other.close()]);
  });
});
