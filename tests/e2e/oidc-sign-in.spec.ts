/**
 * Signing in through the province's identity service (统一身份认证), against a real OpenID Connect
 * provider (tests/support/oidc-provider.ts) and its own sign-in and consent pages. A second app
 * server on this run's data is started with the OIDC settings pointing at it, so the main server
 * (and every other spec) keeps password sign-in only.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import pg from "pg";
import { startNextServer, waitUntilServing } from "../../scripts/lib/app-server";
import { freePort } from "../../scripts/lib/test-database";
import { startOidcProvider, type TestIdentity, type TestOidcProvider } from "../support/oidc-provider";
import { PASSWORD } from "./accounts";

const BUTTON = "统一身份认证登录";
/** Linked to the reviewer account by the admin, in the test below. */
const REVIEWER: TestIdentity = { sub: "jx-360100-0001", claims: { name: "张审核", preferred_username: "zhang.shenhe" } };
/** Named `leader` by the service: linked automatically at its first sign-in (OIDC_AUTO_LINK_CLAIM). */
const LEADER: TestIdentity = { sub: "jx-360100-0002", claims: { name: "李领导", preferred_username: "leader" } };
/** Named after an account created with an initial password, never changed. */
const NEWCOMER: TestIdentity = { sub: "jx-360100-0004", claims: { name: "陈新人", preferred_username: "oidc.newcomer" } };
/** Known to the service only. */
const STRANGER: TestIdentity = { sub: "jx-360100-0003", claims: { name: "王外人", preferred_username: "wang.wairen" } };

test.describe.configure({ mode: "serial" });

let provider: TestOidcProvider | undefined;
let server: ChildProcess | undefined;
let base = "";

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(120_000);
  const databaseUrl = process.env.E2E_DATABASE_URL;
  expect(databaseUrl, "npm test passes the run's database in E2E_DATABASE_URL").toBeTruthy();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startOidcProvider({
    redirectUris: [`${base}/api/auth/callback/oidc`],
    identities: [REVIEWER, LEADER, NEWCOMER, STRANGER],
  });
  server = startNextServer(
    {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      NEXTAUTH_URL: base,
      NEXTAUTH_SECRET: `e2e-oidc-${randomBytes(16).toString("hex")}`,
      HOSTNAME: "127.0.0.1",
      STATUS_SNAPSHOT_SCHEDULE: "off",
      NEXT_TELEMETRY_DISABLED: "1",
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_AUTO_LINK_CLAIM: "preferred_username",
    },
    port,
  );
  await waitUntilServing(server, base);
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await provider?.stop();
});

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** From the app's sign-in page through the provider's own sign-in and consent pages, as `identity`. */
async function signInThroughService(page: Page, identity: TestIdentity, from = "/login"): Promise<void> {
  await page.goto(`${base}${from}`);
  await page.getByRole("button", { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider!.issuer}/interaction/`));
  await page.getByPlaceholder("Enter any login").fill(identity.sub);
  await page.getByPlaceholder("and password").fill("any password: the provider's development pages check none");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(new RegExp(`^${base}/`));
}

async function signInWithPassword(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/\/login/, { timeout: 30_000 });
}

test("the sign-in page offers 统一身份认证登录 beside the password form only where it is configured", async ({ page }) => {
  await page.goto(`${base}/login`);
  await expect(page.getByRole("button", { name: BUTTON })).toBeVisible();
  await expect(page.getByLabel("用户名")).toBeVisible();
  await expect(page.getByRole("button", { name: "登录", exact: true })).toBeVisible();
  // The run's main server has no OIDC settings: no button there.
  await page.goto("/login");
  await expect(page.getByLabel("密码")).toBeVisible();
  await expect(page.getByRole("button", { name: BUTTON })).toHaveCount(0);
});

test("an identity the admin linked to an account signs in as that account and lands on its home", async ({ browser }) => {
  test.setTimeout(90_000);
  const admin = await freshPage(browser);
  await signInWithPassword(admin, "admin");
  await admin.goto(`${base}/admin/users?q=reviewer`);
  await admin.getByRole("link", { name: /统一身份认证（未关联） reviewer/ }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("统一身份认证关联：");
  await expect(admin.getByRole("heading", { level: 1 })).toContainText("（reviewer）");
  const form = admin.getByRole("form", { name: "关联统一身份认证账号" });
  // Blank: refused next to the field, in Chinese.
  await form.getByRole("button", { name: "关联" }).click();
  await expect(form.locator("#identity-subject-error")).toContainText("请填写统一身份认证账号标识");
  await form.getByLabel("统一身份认证账号标识（sub）").fill(REVIEWER.sub);
  await form.getByRole("button", { name: "关联" }).click();
  await expect(form.getByRole("status")).toHaveText(`已将统一身份认证账号 ${REVIEWER.sub} 关联到账号 reviewer。`);
  const linked = admin
    .getByRole("table", { name: /已关联的统一身份认证账号/ })
    .getByRole("row")
    .filter({ hasText: REVIEWER.sub });
  await expect(linked).toContainText(provider!.issuer);
  await expect(linked).toContainText("管理员");
  await expect(linked).toContainText("尚未使用");

  const reviewer = await freshPage(browser);
  await signInThroughService(reviewer, REVIEWER);
  await expect(reviewer).toHaveURL(`${base}/review`);
  await expect(reviewer.getByRole("heading", { level: 1 })).toHaveText("审核台");

  // The admin's list shows the use, and whom the service says the identity is (its userinfo claims).
  await admin.reload();
  await expect(linked).not.toContainText("尚未使用");
  await expect(linked).toContainText("张审核");
  await admin.context().close();
  await reviewer.context().close();
});

test("an identity whose preferred_username is a local username is linked at its first sign-in", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInThroughService(page, LEADER, "/tasks/24");
  // Sent to sign-in from a page, the person comes back to it.
  await expect(page).toHaveURL(`${base}/tasks/24`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("推进美丽河湖建设");
  await page.context().close();
});

test("an account whose initial password is unchanged is not sent to change it when it signs in through the service", async ({
  browser,
}) => {
  // An account as an admin creates it (its password: the leader's, so the password sign-in below works).
  const database = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await database.connect();
  try {
    await database.query(`
      INSERT INTO "User" ("username", "displayName", "passwordHash", "role", "mustChangePassword", "updatedAt")
      SELECT 'oidc.newcomer', '陈新人', "passwordHash", 'LEADER', true, now() FROM "User" WHERE "username" = 'leader'
      ON CONFLICT ("username") DO NOTHING`);
  } finally {
    await database.end();
  }
  const page = await freshPage(browser);
  await signInThroughService(page, NEWCOMER);
  await expect(page).toHaveURL(`${base}/dashboard`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("美丽江西建设总览");
  await page.context().close();

  // With the password, the same account still has to change it first.
  const withPassword = await freshPage(browser);
  await signInWithPassword(withPassword, "oidc.newcomer");
  await expect(withPassword).toHaveURL(`${base}/account/password`);
  await withPassword.context().close();
});

test("an identity linked to no account is refused on the sign-in page, in Chinese, and stays signed out", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInThroughService(page, STRANGER);
  await expect(page).toHaveURL(/\/login\?error=OidcUnlinked$/);
  await expect(page.locator("#oidc-error")).toHaveText("该统一身份认证账号尚未关联本系统账号，请联系管理员。");
  await page.goto(`${base}/tasks`);
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftasks$/);
  await page.context().close();
});

test("signing out of a session opened through the service ends it: a copy of its cookie is refused", async ({ browser }) => {
  const page = await freshPage(browser);
  await signInThroughService(page, REVIEWER);
  await expect(page).toHaveURL(`${base}/review`);
  const cookies = await page.context().cookies(base);
  expect(cookies.map((cookie) => cookie.name)).toContain("next-auth.session-token");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  const copy = await browser.newContext();
  await copy.addCookies(cookies);
  const stolen = await copy.newPage();
  await stolen.goto(`${base}/review`);
  await expect(stolen).toHaveURL(/\/login/);
  await expect(stolen.getByRole("button", { name: BUTTON })).toBeVisible();
  await copy.close();
  await page.context().close();
});
