import { writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";
import { fillSettled } from "./fill";

/**
 * Nothing typed is lost, on the forms other than the report form (tests/e2e/report-safety.spec.ts
 * covers that one): oversized evidence is refused in the browser, a dropped connection or a
 * server's error page keeps the form with a Chinese message and 重试, and an in-app link asks
 * before leaving unsaved text.
 */
const main = (page: Page) => page.getByRole("main");
const MB = 1024 * 1024;

/**
 * A file on disk whose bytes say PDF (the server judges the type by content), of the given size.
 * (On disk: handing Playwright a large buffer sends it through the protocol, which is slow.)
 */
function pdfOfSize(name: string, bytes: number): string {
  const head = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "latin1");
  const tail = Buffer.from("\n%%EOF\n", "latin1");
  const file = test.info().outputPath(name);
  writeFileSync(file, Buffer.concat([head, Buffer.alloc(Math.round(bytes) - head.length - tail.length, 0x20), tail]));
  return file;
}

const isActionPost = (method: string, headers: Record<string, string>) => method === "POST" && "next-action" in headers;

/** 省水利厅 staff on a draft report of their own (2026Q3 of the last task on their to-do list). */
async function draftReport(page: Page): Promise<void> {
  await page.goto("/my");
  const href = await main(page)
    .getByRole("link", { name: /^填报任务 \d+ 2026Q4$/ })
    .last()
    .getAttribute("href");
  expect(href).toBeTruthy();
  await page.goto(href!.replace("2026Q4", "2026Q3"));
  const progress = page.getByLabel("工作进展");
  if ((await progress.inputValue()) === "") {
    await progress.fill("第三季度：完成年度方案编制。");
    await page.getByRole("button", { name: "保存草稿" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已保存草稿" })).toBeVisible();
  }
  await expect(page.getByRole("form", { name: "上传佐证材料" })).toBeVisible();
}

test.describe.serial("evidence uploads", () => {
  // A 20 MB upload through a loaded two-core machine takes a while.
  test.setTimeout(90_000);
  test("a file over 20 MB is refused in the browser before it is sent, and the typed report text stays", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
    const page = await context.newPage();
    await draftReport(page);
    await page.getByLabel("工作进展").fill("尚未保存的文字：岸线整治 12 公里。");

    const posts: string[] = [];
    page.on("request", (request) => {
      if (isActionPost(request.method(), request.headers())) posts.push(request.url());
    });
    await page.getByLabel(/上传文件/).setInputFiles(pdfOfSize("扫描件.pdf", 25 * MB));
    await page.getByRole("button", { name: "上传", exact: true }).click();

    const upload = page.getByRole("form", { name: "上传佐证材料" });
    await expect(upload.getByRole("alert")).toContainText("超过单个文件 20 MB 的上限，未上传");
    await expect(page.locator("#evidence-file-error")).toHaveText("文件不能超过 20 MB");
    expect(posts).toEqual([]);
    await expect(page.getByLabel("工作进展")).toHaveValue("尚未保存的文字：岸线整治 12 公里。");
    await context.close();
  });

  test("a 19.5 MB file, under the limit users are told, is accepted end to end", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
    const page = await context.newPage();
    await draftReport(page);
    await page.getByLabel(/上传文件/).setInputFiles(pdfOfSize("验收报告.pdf", 19.5 * MB));
    await page.getByRole("button", { name: "上传", exact: true }).click();
    await expect(page.getByRole("form", { name: "上传佐证材料" }).getByRole("status")).toHaveText("已上传 验收报告.pdf。");
    await expect(page.getByRole("link", { name: "验收报告.pdf" })).toBeVisible();
    await expect(page.getByText("19.5 MB")).toBeVisible();
    await context.close();
  });

  test("a connection dropped during an upload keeps the chosen file; 重试 sends it once", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("provincialStaff") });
    const page = await context.newPage();
    await draftReport(page);
    let dropped = 0;
    await page.route("**/*", async (route) => {
      const request = route.request();
      if (dropped === 0 && isActionPost(request.method(), request.headers())) {
        dropped += 1;
        return route.abort("connectionreset");
      }
      return route.fallback();
    });
    await page.getByLabel(/上传文件/).setInputFiles(pdfOfSize("会议纪要.pdf", 64 * 1024));
    await page.getByRole("button", { name: "上传", exact: true }).click();

    const upload = page.getByRole("form", { name: "上传佐证材料" });
    await expect(upload.getByRole("alert")).toContainText("网络连接中断");
    await expect(main(page)).not.toContainText("This page couldn");
    await upload.getByRole("button", { name: "重试" }).click();
    await expect(upload.getByRole("status")).toHaveText("已上传 会议纪要.pdf。");
    await expect(page.getByRole("link", { name: "会议纪要.pdf" })).toHaveCount(1);
    expect(dropped).toBe(1);
    await context.close();
  });
});

test.describe.serial("the annual report's narrative", () => {
  const intro = () => "2025年工作总体情况（尚未保存，表单安全测试）。";

  test("a server error page in answer to 保存正文 keeps the text and says so in Chinese; 重试 saves it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/annual/2025");
    await fillSettled(page.getByLabel("一、总体情况"), intro());
    let failed = false;
    await page.route("**/annual/2025**", async (route) => {
      const request = route.request();
      if (!failed && isActionPost(request.method(), request.headers())) {
        failed = true;
        return route.fulfill({ status: 502, contentType: "text/html", body: "<html><body>502 Bad Gateway</body></html>" });
      }
      return route.fallback();
    });
    await page.getByRole("button", { name: "保存正文" }).click();

    const form = page.getByRole("form", { name: "编辑报告正文" });
    await expect(form.getByRole("alert")).toContainText("服务器没有正常答复");
    await expect(page.getByLabel("一、总体情况")).toHaveValue(intro());
    await form.getByRole("button", { name: "重试" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已保存第" })).toBeVisible();
    await expect(page.getByRole("article", { name: "年度报告预览" })).toContainText(intro());
    await context.close();
  });

  test("a session that ended while typing keeps the text, offers sign-in in a new window, and 登录后重试 saves it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/annual/2025");
    const text = "会话过期前写下的问题概述（表单安全测试）。";
    await fillSettled(page.getByLabel("四、存在的问题（概述）"), text);
    const session = await context.cookies();
    await context.clearCookies();
    await page.getByRole("button", { name: "保存正文" }).click();

    const form = page.getByRole("form", { name: "编辑报告正文" });
    await expect(form.getByRole("alert")).toContainText("未登录或会话已过期");
    await expect(form.getByRole("link", { name: "在新窗口重新登录" })).toHaveAttribute("target", "_blank");
    await expect(page.getByLabel("四、存在的问题（概述）")).toHaveValue(text);
    // Signed in again (in another window): the same request goes through.
    await context.addCookies(session);
    await form.getByRole("button", { name: "登录后重试" }).click();
    await expect(main(page).getByRole("status").filter({ hasText: "已保存第" })).toBeVisible();
    await expect(page.getByRole("article", { name: "年度报告预览" })).toContainText(text);
    await context.close();
  });

  test("an in-app link with unsaved text asks first; staying keeps the text, leaving goes", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/annual/2025");
    const link = page.getByRole("navigation", { name: "主导航" }).getByRole("link").first();
    const destination = await link.getAttribute("href");

    // Nothing typed yet: the link just goes.
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${destination}$`));
    await page.goto("/annual/2025");

    await fillSettled(page.getByLabel("五、下一步工作安排（概述）"), "下一步：尚未保存的安排。");
    const questions: string[] = [];
    page.once("dialog", (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await link.click();
    await expect.poll(() => questions).toEqual(["本页有尚未保存的内容，离开后将丢失。确定要离开吗？"]);
    await expect(page).toHaveURL(/\/annual\/2025$/);
    await expect(page.getByLabel("五、下一步工作安排（概述）")).toHaveValue("下一步：尚未保存的安排。");

    page.once("dialog", (dialog) => void dialog.accept());
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${destination}$`));
    await context.close();
  });
});
