import { expect, test } from "@playwright/test";
import { PASSWORD, storageStateOf } from "./accounts";

test.describe("anonymous visitor", () => {
  test("is sent to sign-in from any page and comes back after signing in", async ({ page }) => {
    await page.goto("/tasks/24");
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftasks%2F24/);
    await expect(page.getByRole("heading", { name: "美丽江西建设推进管理平台" })).toBeVisible();
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill(PASSWORD);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/tasks\/24$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("推进美丽河湖建设");
  });

  test("gets a Chinese message for a wrong password and stays signed out", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("leader");
    await page.getByLabel("密码").fill("not-the-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("#login-error")).toHaveText("用户名或密码错误，或账号已停用。");
    await page.goto("/tasks");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("each role lands on its own home", () => {
  const homes = [
    { account: "leader", url: /\/dashboard$/, heading: "美丽江西建设总览", status: null },
    { account: "reviewer", url: /\/review$/, heading: "审核台", status: "份报告待审核" },
    { account: "admin", url: /\/tasks$/, heading: "重点任务清单", status: "共 60 项" },
    { account: "auditor", url: /\/audit$/, heading: "审计日志", status: null },
    { account: "provincialStaff", url: /\/my$/, heading: "我的待办", status: "省水利厅：正在报送" },
    { account: "cityStaff", url: /\/my$/, heading: "我的待办", status: "南昌市：正在报送" },
  ] as const;
  for (const home of homes) {
    test(home.account, async ({ browser }) => {
      const context = await browser.newContext({ storageState: storageStateOf(home.account) });
      const page = await context.newPage();
      await page.goto("/");
      await expect(page).toHaveURL(home.url);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(home.heading);
      if (home.status) await expect(page.getByRole("main").getByRole("status")).toContainText(home.status);
      await context.close();
    });
  }
});

test("signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("reviewer");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});
