import { expect, test, type Page } from "@playwright/test";
import { storageStateOf } from "./accounts";

async function createAccount(page: Page, username: string, displayName: string, role: string, unit?: string) {
  const form = page.getByRole("form", { name: "新建账号" });
  await form.getByLabel("用户名").fill(username);
  await form.getByLabel("姓名").fill(displayName);
  await form.getByLabel("角色").selectOption(role);
  if (unit) await form.getByLabel("所属单位").selectOption({ label: unit });
  await form.getByLabel("初始密码").fill("Initial#Pass2026");
  await form.getByRole("button", { name: "创建账号" }).click();
  await expect(form.getByRole("status")).toContainText(username);
}

const rowOf = (page: Page, username: string) =>
  page.getByRole("row").filter({ has: page.getByRole("cell", { name: username, exact: true }) });

test("the admin finds accounts by unit or name, a page at a time", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin/users");
  const search = page.getByRole("search", { name: "查找账号" });
  await search.getByLabel("查找账号").fill("赣州");
  await search.getByRole("button", { name: "查找" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?q=%E8%B5%A3%E5%B7%9E$/);
  await expect(rowOf(page, "ganzhou")).toContainText("赣州市");
  await expect(page.getByRole("cell", { name: "nanchang", exact: true })).toHaveCount(0);

  await page.getByRole("link", { name: "显示全部" }).click();
  const pager = page.getByRole("navigation", { name: "分页" });
  await expect(pager).toContainText("第 1 / 2 页");
  await pager.getByRole("link", { name: "下一页" }).click();
  await expect(page).toHaveURL(/page=2$/);
  await expect(pager).toContainText("第 2 / 2 页");
  // The auditor's account sorts last (by role, then username).
  await expect(page.getByRole("cell", { name: "auditor", exact: true })).toBeVisible();
  await context.close();
});

test("the admin edits an account's name, role and unit; staff need a unit, a leader has none", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin/users");
  await createAccount(page, "e2e.edited", "新余市填报人甲", "STAFF", "新余市");
  await page.goto("/admin/users?q=e2e.edited");
  const row = rowOf(page, "e2e.edited");
  await row.getByRole("button", { name: "编辑 e2e.edited" }).click();
  const form = row.getByRole("form", { name: "编辑账号 e2e.edited" });
  await form.getByLabel("账号姓名").fill("王领导");
  await form.getByLabel("账号角色").selectOption("LEADER");
  await form.getByRole("button", { name: "保存修改" }).click();
  await expect(form.locator("#edit-e2e\\.edited-unitCode-error")).toHaveText("该角色不绑定单位");
  await expect(form.getByLabel("账号姓名")).toHaveValue("王领导");
  await form.getByLabel("账号所属单位").selectOption("");
  await form.getByRole("button", { name: "保存修改" }).click();
  await expect(form.getByRole("status")).toHaveText("已保存账号 e2e.edited 的姓名、角色和单位。");
  await page.reload();
  await expect(rowOf(page, "e2e.edited")).toContainText("王领导");
  await expect(rowOf(page, "e2e.edited").getByRole("cell").nth(2)).toHaveText("领导");
  await expect(rowOf(page, "e2e.edited").getByRole("cell").nth(3)).toHaveText("—");
  await context.close();
});

test("停用 asks for confirmation first, and the deactivated account can no longer sign in", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin/users");
  await createAccount(page, "e2e.leaving", "即将停用", "LEADER");
  await page.goto("/admin/users?q=e2e.leaving");
  const row = rowOf(page, "e2e.leaving");
  await row.getByRole("button", { name: "停用 e2e.leaving" }).click();
  const confirm = row.getByRole("form", { name: "确认停用 e2e.leaving" });
  await expect(confirm).toContainText("停用后该账号的登录立即结束");
  await confirm.getByRole("button", { name: "取消" }).click();
  await expect(row.getByRole("cell").nth(4)).toContainText("启用");

  // The server asks for the confirmation too: a request without it changes nothing.
  await row.getByRole("button", { name: "停用 e2e.leaving" }).click();
  await confirm.locator('input[name="confirm"]').evaluate((input: HTMLInputElement) => (input.value = ""));
  await confirm.getByRole("button", { name: "确认停用" }).click();
  await expect(confirm.getByRole("alert")).toContainText("提交的内容有误");
  await expect(confirm).toContainText("停用前请确认");
  await page.reload();
  await expect(rowOf(page, "e2e.leaving").getByRole("cell").nth(4)).toContainText("启用");

  await rowOf(page, "e2e.leaving").getByRole("button", { name: "停用 e2e.leaving" }).click();
  await rowOf(page, "e2e.leaving").getByRole("button", { name: "确认停用" }).click();
  await expect(rowOf(page, "e2e.leaving").getByRole("cell").nth(4)).toContainText("已停用");
  await expect(rowOf(page, "e2e.leaving").getByRole("button", { name: "启用 e2e.leaving" })).toBeVisible();
  await context.close();

  const visitor = await browser.newContext();
  const login = await visitor.newPage();
  await login.goto("/login");
  await login.getByLabel("用户名").fill("e2e.leaving");
  await login.getByLabel("密码").fill("Initial#Pass2026");
  await login.getByRole("button", { name: "登录" }).click();
  await expect(login.locator("#login-error")).toHaveText("用户名或密码错误，或账号已停用。");
  await visitor.close();
});

test("a password the admin resets is shown once and must be changed at the next sign-in; the sign-in page says whom to ask", async ({
  browser,
}) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin/users");
  await createAccount(page, "e2e.forgot", "忘记密码的人", "LEADER");
  await page.goto("/admin/users?q=e2e.forgot");
  const row = rowOf(page, "e2e.forgot");
  await row.getByRole("button", { name: "重置密码 e2e.forgot" }).click();
  const reset = row.getByRole("form", { name: "重置 e2e.forgot 的密码" });
  await reset.getByRole("button", { name: "确认重置密码" }).click();
  await expect(reset.getByRole("status")).toContainText("下次登录须修改密码");
  const temporary = (await reset.getByLabel("临时密码", { exact: true }).textContent())!.trim();
  expect(temporary).toMatch(/^\S{14}$/);

  await page.goto("/admin/settings");
  const help = "忘记密码请联系省生态环境厅信息中心（端到端测试）。";
  await page.getByLabel("登录页提示（忘记密码时联系谁）").fill(help);
  await page.getByRole("form", { name: "忘记密码提示" }).getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("form", { name: "忘记密码提示" }).getByRole("status")).toHaveText("已保存登录页的忘记密码提示。");
  await context.close();

  const visitor = await browser.newContext();
  const login = await visitor.newPage();
  await login.goto("/login");
  await expect(login.locator("#forgot-password")).toHaveText(help);
  await login.getByLabel("用户名").fill("e2e.forgot");
  await login.getByLabel("密码").fill("Initial#Pass2026");
  await login.getByRole("button", { name: "登录" }).click();
  await expect(login.locator("#login-error")).toHaveText("用户名或密码错误，或账号已停用。");
  await login.getByLabel("密码").fill(temporary);
  await login.getByRole("button", { name: "登录" }).click();
  await expect(login).toHaveURL(/\/account\/password$/);
  await expect(login.getByRole("status")).toContainText("请先修改密码后再使用系统");
  await login.goto("/dashboard");
  await expect(login).toHaveURL(/\/account\/password$/);
  await visitor.close();
});
