import { expect, test, type Browser, type Page } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";

/**
 * Error pages as users meet them: the 403 page (a real status, in Chinese, live under the
 * nonce-based Content-Security-Policy without a single violation), the 404 pages, and the Chinese
 * error boundary a failed server action lands in instead of Next's English one.
 */

/** Every CSP violation the page meets: the console's reports and the document's own events. */
async function recordCspViolations(page: Page): Promise<() => Promise<string[]>> {
  const reported: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) reported.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { __cspViolations: seen });
    document.addEventListener("securitypolicyviolation", (event) => seen.push(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return async () => [
    ...reported,
    ...(await page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? [])),
  ];
}

async function pageAs(browser: Browser, account: E2eAccount | null) {
  const context = await browser.newContext(account ? { storageState: storageStateOf(account) } : {});
  return { context, page: await context.newPage() };
}

const ENGLISH_ERROR = /couldn.t load|Application error|Internal Server Error|This page/i;

const refused: { account: E2eAccount; path: string; home: RegExp }[] = [
  // A page without a loading state, and pages whose segment streams one (its layout checks first).
  { account: "cityStaff", path: "/admin/users", home: /\/my$/ },
  { account: "cityStaff", path: "/dashboard/brief", home: /\/my$/ },
  { account: "leader", path: "/review", home: /\/dashboard$/ },
  { account: "provincialStaff", path: "/reminders", home: /\/my$/ },
  { account: "provincialStaff", path: "/annual/2025", home: /\/my$/ },
  { account: "auditor", path: "/indicators/PM25", home: /\/audit$/ },
];

for (const { account, path, home } of refused) {
  test(`${account} refused ${path} gets the Chinese 403 page with status 403 and no CSP violation`, async ({ browser }) => {
    const { context, page } = await pageAs(browser, account);
    const violations = await recordCspViolations(page);
    const response = await page.goto(path);
    // The refused page redirects before anything streams; the 403 page answers 403 itself.
    expect(response?.request().redirectedFrom()?.url()).toMatch(new RegExp(`${path}$`));
    expect(response?.status()).toBe(403);
    await expect(page).toHaveURL(/\/forbidden$/);
    await expect(page).toHaveTitle(/无权访问/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
    await expect(page.getByRole("main")).toContainText("如需权限，请联系系统管理员");
    expect(await violations()).toEqual([]);
    // The page's scripts run under the policy: its link goes on to the role's own home.
    await page.getByRole("link", { name: "返回首页" }).click();
    await expect(page).toHaveURL(home);
    await context.close();
  });
}

test("a visitor opening /forbidden gets the same 403 page, without violations", async ({ browser }) => {
  const { context, page } = await pageAs(browser, null);
  const violations = await recordCspViolations(page);
  const response = await page.goto("/forbidden");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  expect(await violations()).toEqual([]);
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("an unknown address answers 404 with the Chinese page, without violations", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "reviewer");
  const violations = await recordCspViolations(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page).toHaveTitle(/页面不存在/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  expect(await violations()).toEqual([]);
  await page.getByRole("link", { name: "返回首页" }).click();
  await expect(page).toHaveURL(/\/review$/);
  await context.close();
});

test("a record that does not exist answers 404 inside the signed-in layout", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "cityStaff");
  const violations = await recordCspViolations(page);
  const response = await page.goto("/tasks/999");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的待办" })).toBeVisible();
  expect(await violations()).toEqual([]);
  await context.close();
});

const xlsx = (megabytes: number) => ({
  name: "全年汇总.xlsx",
  mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  buffer: Buffer.alloc(megabytes * 1024 * 1024),
});

test("an import file over the server's limit is refused in the browser before it is sent, and the form stays", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "cityStaff");
  await page.goto("/progress/import");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.getByLabel(/上传填好的模板/).setInputFiles(xlsx(12));
  await page.getByRole("button", { name: "上传并检查" }).click();
  const form = page.getByRole("form", { name: "上传 Excel" });
  await expect(page.getByRole("main").getByRole("alert")).toContainText("超过单个文件 5 MB 的上限，未上传");
  await expect(form.locator("#import-file-error")).toHaveText("文件不能超过 5 MB");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Excel 批量填报");
  expect(posts).toEqual([]);
  await context.close();
});

test("an answer that is not the action's (a proxy's 413 or 502) keeps the page and says so in Chinese; 重试 sends it again", async ({
  browser,
}) => {
  const { context, page } = await pageAs(browser, "cityStaff");
  await page.goto("/progress/import");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Excel 批量填报");
  let refused = 0;
  await page.route("**/progress/import", async (route) => {
    if (route.request().method() !== "POST" || refused > 0) return route.fallback();
    refused += 1;
    return route.fulfill({ status: 413, contentType: "text/plain", body: "Body exceeded 21mb limit" });
  });
  await page.getByLabel(/上传填好的模板/).setInputFiles(xlsx(1));
  await page.getByRole("button", { name: "上传并检查" }).click();
  const main = page.getByRole("main");
  await expect(main.getByRole("alert")).toContainText("服务器没有正常答复");
  await expect(main).not.toContainText(ENGLISH_ERROR);
  await expect(main).not.toContainText("Body exceeded");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Excel 批量填报");
  // Sent again as it was, the file now reaches the import, which judges it (not a template of ours).
  await main.getByRole("button", { name: "重试" }).click();
  await expect(main.getByRole("alert")).not.toContainText("服务器没有正常答复");
  await expect(main.getByRole("alert")).toContainText(/模板|xlsx|Excel/);
  expect(refused).toBe(1);
  await context.close();
});

test("a password change whose connection drops keeps the form with a Chinese message; 重试 sends it again", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "leader");
  await page.goto("/account/password");
  // The request never reaches the server: the password stays as it is.
  let dropped = 0;
  await page.route("**/account/password", (route) => {
    if (route.request().method() !== "POST") return route.continue();
    dropped += 1;
    return route.abort("connectionreset");
  });
  await page.getByLabel("当前密码").fill("anything");
  await page.getByLabel("新密码", { exact: true }).fill("Another#Pass2026");
  await page.getByLabel("再次输入新密码").fill("Another#Pass2026");
  await page.getByRole("button", { name: "修改密码" }).click();
  const form = page.getByRole("form", { name: "修改密码" });
  await expect(form.getByRole("alert")).toContainText("网络连接中断");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("修改密码");
  await expect(page.getByLabel("新密码", { exact: true })).toHaveValue("Another#Pass2026");
  await expect(page.getByRole("main")).not.toContainText(ENGLISH_ERROR);
  await page.unroute("**/account/password");
  // Sent again, the server answers: the current password is wrong, nothing changes.
  await form.getByRole("button", { name: "重试" }).click();
  await expect(form.getByRole("alert")).toContainText("当前密码不正确");
  expect(dropped).toBe(1);
  await context.close();
});
