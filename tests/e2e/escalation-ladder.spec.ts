import { readFile } from "node:fs/promises";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";

/**
 * The escalation ladder (督办) as real users: the reviewer sends 南昌市 a 催办 on a quarter, moves
 * it up to a 函告 and downloads the 函告's Word notice; the city finds it in its 督办台账 and records
 * what it did; the reviewer's close without an outcome is refused with the form kept, then closes
 * it with one.
 */
const main = (page: Page) => page.getByRole("main");
const RESPONSE = "已于本周补报第三季度全部进展报告，并明确专人负责报送（南昌市）。";

test.describe.serial("the escalation ladder", () => {
  let letterUrl: string;
  let documentNumber: string;

  test("the reviewer sends a 催办, moves it up to a 函告 and downloads the 函告", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/escalations");
    await page.getByRole("link", { name: "发起督办" }).click();
    const form = page.getByRole("form", { name: "发出督办" });
    await form.getByLabel("督办对象").selectOption({ label: "南昌市" });
    await form.getByLabel("季度（可选）").selectOption("2026Q3");
    await form.getByRole("radio", { name: "催办" }).check();
    await form.getByLabel("督办事由").fill("南昌市2026年第三季度进展报告仍未报齐。");
    await form.getByLabel("整改要求").fill("请于整改期限前补报全部第三季度进展报告。");
    await form.getByRole("button", { name: "发出并通知该单位" }).click();

    await expect(main(page).getByRole("status")).toContainText("已发出催办，并已通知南昌市的填报人和单位负责人");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("南昌市 · 2026年第三季度重点任务进展报告报送");
    await expect(main(page)).toContainText("未办结");

    const up = page.getByRole("form", { name: "升级督办" });
    // Only the levels above an open 催办 are offered.
    await expect(up.getByRole("radio")).toHaveCount(4);
    await up.getByRole("radio", { name: "函告" }).check();
    await up.getByLabel("整改要求").fill("请于整改期限前补报全部第三季度进展报告，并书面说明滞后原因。");
    await up.getByRole("button", { name: "升级并通知该单位" }).click();

    const status = main(page).getByRole("status");
    await expect(status).toContainText(/已发出函告（赣环督函〔\d{4}〕\d+号）/);
    documentNumber = /赣环督函〔\d{4}〕\d+号/.exec((await status.textContent()) ?? "")![0];
    letterUrl = new URL(page.url()).pathname;
    const ladder = page.getByRole("region", { name: "督办经过" });
    await expect(ladder.getByRole("listitem")).toHaveCount(2);
    await expect(ladder.getByRole("listitem").first()).toContainText("已升级为函告");

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "下载函告 Word 文件" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${documentNumber} 南昌市.docx`);
    const xml = await (await JSZip.loadAsync(await readFile(await file.path()))).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(documentNumber);
    expect(text).toContain("中共南昌市委、南昌市人民政府：");
    expect(text).toContain("书面说明滞后原因");
    expect(text).toMatch(/请于\d{4}年\d{1,2}月\d{1,2}日前完成整改/);
    await context.close();
  });

  test("the city finds the 函告 in its 督办台账 and records what it did", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("cityStaff") });
    const page = await context.newPage();
    await page.goto("/my");
    await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "督办台账" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("督办台账");
    await main(page).getByRole("link", { name: documentNumber }).click();
    await expect(page).toHaveURL(new RegExp(`${letterUrl}$`));
    const respond = page.getByRole("form", { name: "填报落实情况" });
    await respond.getByLabel("落实情况").fill(RESPONSE);
    await respond.getByRole("button", { name: "提交落实情况" }).click();
    await expect(respond.getByRole("status")).toHaveText("已填报落实情况。");
    await expect(page.getByRole("region", { name: "落实情况" })).toContainText(RESPONSE);
    // The city neither closes nor moves up.
    await expect(page.getByRole("form", { name: "办结" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "升级督办" })).toHaveCount(0);
    await context.close();
  });

  test("the reviewer's close needs an outcome; the refused form stays, then it closes", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto(letterUrl);
    await expect(page.getByRole("region", { name: "落实情况" })).toContainText(RESPONSE);
    const close = page.getByRole("form", { name: "办结" });
    await close.getByRole("button", { name: "办结" }).click();
    await expect(close.getByRole("alert")).toContainText("提交的内容有误");
    await expect(close.getByText("请填写办结结果")).toBeVisible();
    await expect(close.getByLabel("办结结果")).toHaveAttribute("aria-invalid", "true");
    await expect(main(page)).toContainText("未办结");

    await close.getByLabel("办结结果").fill("经核查，南昌市已补报全部进展报告，整改到位。");
    await close.getByRole("button", { name: "办结" }).click();
    await expect(page.getByRole("region", { name: "办结情况" })).toContainText("经核查，南昌市已补报全部进展报告，整改到位。");
    await expect(page.locator("main header")).toContainText("已办结");
    await expect(page.getByRole("form", { name: "办结" })).toHaveCount(0);

    await page.goto("/escalations?level=LETTER&state=closed&unit=nanchang");
    await expect(main(page).getByRole("row").filter({ hasText: documentNumber })).toContainText("已办结");
    await context.close();
  });
});
