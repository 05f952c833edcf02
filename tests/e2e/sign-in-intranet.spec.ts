/**
 * Signing in as on a real intranet, against the real server (scripts/serve.ts in front of Next)
 * with every limit at its default: the client address is the connection's peer, whatever a client
 * claims in X-Forwarded-For; signing out ends the session on the server; the place to go after
 * signing in never leads off the site.
 */
import { request as httpRequest } from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, storageStateOf } from "./accounts";

const FORGED = { "X-Forwarded-For": "203.0.113.77", "X-Real-IP": "203.0.113.78", "X-Meili-Client-Address": "203.0.113.79" };

async function signInThroughForm(page: Page, username: string, password: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** The auditor's view of the latest audit rows about one account. */
async function auditRowsOf(page: Page, username: string) {
  await page.goto("/audit");
  return page
    .getByRole("main")
    .getByRole("table")
    .getByRole("row")
    .filter({ has: page.getByRole("cell", { name: `账号 · ${username}`, exact: true }) });
}

test("a forged X-Forwarded-For changes nothing: attempts are recorded from the connection's address", async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: FORGED });
  const page = await context.newPage();
  await page.goto("/login");
  await signInThroughForm(page, "xinyu", "Wrong#Password1");
  await expect(page.locator("#login-error")).toHaveText("用户名或密码错误，或账号已停用。");
  await signInThroughForm(page, "xinyu", PASSWORD);
  await expect(page).toHaveURL(/\/my$/);
  await context.close();

  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const auditPage = await auditor.newPage();
  const rows = await auditRowsOf(auditPage, "xinyu");
  const failed = rows.filter({ has: auditPage.getByRole("cell", { name: "登录失败（密码错误）", exact: true }) }).first();
  const signedIn = rows.filter({ has: auditPage.getByRole("cell", { name: "登录成功", exact: true }) }).first();
  await expect(failed).toContainText("客户端地址127.0.0.1");
  await expect(signedIn).toContainText("客户端地址127.0.0.1");
  await expect(auditPage.getByRole("main")).not.toContainText("203.0.113.7");
  await auditor.close();
});

/**
 * Signs in over HTTP from a loopback source address of our own choosing (the machine owns all of
 * 127.0.0.0/8), as next-auth's form does; returns the error next-auth reports, or null when in.
 */
async function signInFrom(localAddress: string, username: string, password: string, forwardedFor: string): Promise<string | null> {
  const base = new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000");
  const call = (method: string, path: string, headers: Record<string, string>, body?: string) =>
    new Promise<{ status: number; cookies: string[]; text: string }>((resolve, reject) => {
      const request = httpRequest(
        { host: base.hostname, port: base.port, method, path, localAddress, headers: { "X-Forwarded-For": forwardedFor, ...headers } },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => (text += chunk));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, cookies: response.headers["set-cookie"] ?? [], text }));
        },
      );
      request.once("error", reject);
      request.end(body);
    });
  const csrf = await call("GET", "/api/auth/csrf", {});
  const cookie = csrf.cookies.map((header) => header.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, username, password, json: "true" }).toString();
  const answer = await call(
    "POST",
    "/api/auth/callback/credentials",
    { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookie },
    form,
  );
  const { url } = JSON.parse(answer.text) as { url: string };
  return new URL(url, base).searchParams.get("error");
}

test("a new forged address on every attempt does not escape the per-address limit of 30 failures", async ({ browser }) => {
  test.skip(new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000").hostname !== "127.0.0.1", "needs the server on loopback");
  // A loopback address of this test's own, so the limit it reaches binds no other test.
  const attacker = "127.0.0.23";
  for (let attempt = 0; attempt < 30; attempt += 1) {
    expect(await signInFrom(attacker, `spray${attempt}`, "Wrong#Password1", `198.51.100.${attempt + 1}`)).toBe("CredentialsSignin");
  }
  const refused = "当前网络地址登录失败次数过多，请 15 分钟后再试。";
  expect(await signInFrom(attacker, "pingxiang", PASSWORD, "198.51.100.200")).toBe(refused);
  // The address, not the account, is stopped: the unit signs in from its own machine.
  expect(await signInFrom("127.0.0.24", "pingxiang", PASSWORD, "198.51.100.201")).toBeNull();

  const auditor = await browser.newContext({ storageState: storageStateOf("auditor") });
  const page = await auditor.newPage();
  const limited = (await auditRowsOf(page, "pingxiang")).filter({
    has: page.getByRole("cell", { name: "该地址失败次数过多，被拒绝", exact: true }),
  });
  await expect(limited.first()).toContainText(`客户端地址${attacker}`);
  await expect(limited.first()).toContainText("该地址的失败次数30");
  await expect(page.getByRole("main")).not.toContainText("198.51.100.");
  await auditor.close();
});

test("a session cookie copied before signing out is refused after it, on pages and the API", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await signInThroughForm(page, "jingdezhen", PASSWORD);
  await expect(page).toHaveURL(/\/my$/);
  const copied = await context.cookies();

  const thief = await browser.newContext({ storageState: { cookies: copied, origins: [] } });
  const thiefPage = await thief.newPage();
  // The copy works while the session lasts…
  expect((await thief.request.get("/api/v1/progress?quarter=2026Q3")).status()).toBe(200);

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);

  // …and not a moment after signing out, although the cookie itself is still validly signed.
  await thiefPage.goto("/my");
  await expect(thiefPage).toHaveURL(/\/login/);
  await expect(thiefPage.getByRole("button", { name: "登录" })).toBeVisible();
  const api = await thief.request.get("/api/v1/progress?quarter=2026Q3");
  expect(api.status()).toBe(401);
  expect(await api.json()).toMatchObject({ error: { status: 401, message: "未登录或会话已过期，请重新登录" } });
  await thief.close();
  await context.close();
});

// The spellings that matter most in a browser (the unit test of lib/auth/safe-redirect.ts has them all).
const HOSTILE_TARGETS = [
  "//evil.example/",
  "/\\evil.example/",
  "/%2F%2Fevil.example/",
  "/\t/evil.example/",
  "https://evil.example/",
  "javascript:alert(document.domain)",
];

for (const target of HOSTILE_TARGETS) {
  test(`a hostile callbackUrl (${JSON.stringify(target)}) stays on the site after signing in`, async ({ browser, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const context = await browser.newContext();
    const offSite: string[] = [];
    context.on("request", (request) => {
      if (!request.url().startsWith(origin)) offSite.push(request.url());
    });
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await signInThroughForm(page, "shangrao", PASSWORD);
    await expect(page).toHaveURL(`${origin}/my`);
    // Signed in already, the sign-in page sends the user on at once: the same check on the server.
    await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
    await expect(page).toHaveURL(`${origin}/my`);
    expect(offSite).toEqual([]);
    await context.close();
  });
}

test("next-auth's own endpoints never redirect to another site either", async ({ request }) => {
  const answer = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent("https://evil.example/")}`, { maxRedirects: 0 });
  expect(answer.status()).toBe(302);
  expect(answer.headers()["location"] ?? "").not.toContain("evil.example");
});
