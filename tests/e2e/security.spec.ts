import { expect, test } from "@playwright/test";
import { decode, encode } from "next-auth/jwt";
import { PASSWORD, storageStateOf } from "./accounts";

test("pages carry a strict Content-Security-Policy with a nonce and no other origin; the app still works under it", async ({
  page,
  request,
}) => {
  const response = await request.get("/login");
  const policy = response.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toMatch(/https?:\/\//);
  expect(response.headers()["x-content-type-options"]).toBe("nosniff");
  expect((await request.get("/api/v1/units")).headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");

  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/login");
  await page.getByLabel("用户名").fill("leader");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("figure", { name: /各篇章平均完成百分比图/ })).toBeVisible();
  expect(violations).toEqual([]);
});

test("five wrong passwords lock the account from that address, and the right one is refused there until the lock ends", async ({
  page,
}) => {
  await page.goto("/login");
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await page.getByLabel("用户名").fill("fuzhou");
    await page.getByLabel("密码").fill(`Wrong#Guess${attempt}`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("#login-error")).toBeVisible();
  }
  await expect(page.locator("#login-error")).toHaveText("连续 5 次密码错误，该账号已在当前网络地址锁定 15 分钟，请稍后再试或联系管理员。");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.locator("#login-error")).toHaveText("连续 5 次密码错误，该账号已在当前网络地址锁定 15 分钟，请稍后再试或联系管理员。");
  await expect(page).toHaveURL(/\/login/);
});

test("a user created by the admin must change the initial password before anything else", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const adminPage = await admin.newPage();
  await adminPage.goto("/admin/users");
  await adminPage.getByLabel("用户名").fill("e2e.newleader");
  await adminPage.getByLabel("姓名").fill("新领导");
  await adminPage.getByLabel("角色").selectOption("LEADER");
  await adminPage.getByLabel("初始密码").fill("Initial#Pass2026");
  await adminPage.getByRole("button", { name: /创建/ }).click();
  await expect(adminPage.getByRole("main").getByRole("status")).toContainText("e2e.newleader");
  await admin.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("e2e.newleader");
  await page.getByLabel("密码").fill("Initial#Pass2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/account\/password$/);
  await expect(page.getByRole("status")).toContainText("请先修改密码后再使用系统");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/account\/password$/);
  expect((await page.request.get("/api/v1/progress")).status()).toBe(403);

  await page.getByLabel("当前密码").fill("Initial#Pass2026");
  await page.getByLabel("新密码", { exact: true }).fill("Initial#Pass2026");
  await page.getByLabel("再次输入新密码").fill("Initial#Pass2026");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page.locator("#pw-password-error")).toHaveText("新密码不能与当前密码相同");
  // Password fields are never sent back to the page: they are typed again.
  await page.getByLabel("当前密码").fill("Initial#Pass2026");
  await page.getByLabel("新密码", { exact: true }).fill("Changed#Pass2026");
  await page.getByLabel("再次输入新密码").fill("Changed#Pass2026");
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/login\?changed=1$/);
  await expect(page.getByRole("status")).toContainText("密码已修改，所有设备上的登录均已退出");

  await page.getByLabel("用户名").fill("e2e.newleader");
  await page.getByLabel("密码").fill("Changed#Pass2026");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await context.close();
});

test("a server action posted from another origin is refused", async ({ browser }) => {
  const admin = await browser.newContext({ storageState: storageStateOf("admin") });
  const response = await admin.request.post("/admin/users", {
    headers: {
      "Next-Action": "0000000000000000000000000000000000000000",
      Origin: "http://evil.example",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    data: "[]",
  });
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(await response.text()).not.toMatch(/at .*\.js:\d+/);
  await admin.close();
});

test("denials, exports and sign-ins reach the audit log, whose hash chain the auditor sees verified", async ({ browser }) => {
  const staff = await browser.newContext({ storageState: storageStateOf("cityStaff") });
  const staffPage = await staff.newPage();
  await staffPage.goto("/admin/settings");
  await expect(staffPage.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  expect((await staffPage.request.get("/api/exports/indicators.xlsx")).status()).toBe(200);
  await staff.close();

  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const page = await auditor.newPage();
  await page.goto("/audit");
  await expect(page.getByRole("main").getByRole("status")).toContainText("哈希链校验通过");
  const log = page.getByRole("main").getByRole("table");
  await expect(log.getByRole("row").filter({ hasText: "无权访问，被拒绝" }).filter({ hasText: "权限 · 系统设置" }).first()).toBeVisible();
  await expect(log.getByRole("row").filter({ hasText: "导出文件" }).filter({ hasText: "目标指标 Excel" }).first()).toBeVisible();
  const download = await page.request.get("/api/exports/audit.xlsx");
  expect(download.status()).toBe(200);
  await auditor.close();
});

test("a session left idle for more than 30 minutes ends: the next page is the sign-in page, saying why", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("reviewer");
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/review/);
  // Leave the app first: a request still in flight from its page (a prefetch) would meet the aged
  // cookie and end the session before the navigation below.
  await page.goto("about:blank");
  // Age the real session cookie by 31 minutes of inactivity, signed with the server's own secret.
  const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith("next-auth.session-token"))!;
  const secret = process.env.E2E_AUTH_SECRET!;
  expect(secret, "E2E_AUTH_SECRET: `npm test` passes the server's session secret to the tests").toBeTruthy();
  const token = (await decode({ token: cookie.value, secret }))!;
  const idle = await encode({ token: { ...token, lastSeen: Number(token.lastSeen) - 31 * 60 }, secret, maxAge: 12 * 3600 });
  await context.addCookies([{ ...cookie, value: idle }]);
  await page.goto("/tasks");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftasks&expired=1$/);
  await expect(page.getByRole("status").filter({ hasText: "会话已超时，请重新登录。" })).toBeVisible();
  expect((await context.cookies()).some((candidate) => candidate.name.endsWith("next-auth.session-token") && candidate.value !== "")).toBe(
    false,
  );
});
