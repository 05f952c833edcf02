/**
 * Malformed requests as an assessor's scanner sends them, byte for byte over a socket to the
 * running production server: undecodable addresses, methods an address does not take, server
 * actions in shapes React never sends, bytes Node's parser refuses. Every one is answered with a
 * 4xx and a Chinese message (the API's JSON error body under /api), never a 500 or a bare English
 * or empty answer. Text fields with control characters are refused in the forms themselves.
 */
import { readFileSync } from "node:fs";
import net from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { storageStateOf, type E2eAccount } from "./accounts";

const BASE = new URL(process.env.E2E_BASE_URL ?? "http://127.0.0.1:3000");
/** Any id of a server action's format (42 hexadecimal digits) that this build does not have. */
const UNKNOWN_ACTION = "7f".padEnd(42, "0a");
const BOUNDARY = "----WebKitFormBoundaryE2eProbe";

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One HTTP/1.1 request written as given (the target may hold any bytes), read to the end. */
function send(
  method: string,
  target: string | Buffer,
  headers: Record<string, string> = {},
  body: string | Buffer = "",
): Promise<RawResponse> {
  const payload = typeof body === "string" ? Buffer.from(body) : body;
  const lines = [`Host: ${BASE.host}`, "Connection: close", ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  if (payload.length || method === "POST") lines.push(`Content-Length: ${payload.length}`);
  const head = Buffer.concat([Buffer.from(`${method} `), Buffer.from(target), Buffer.from(` HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n`)]);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(BASE.port), BASE.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error(`no answer to ${method} ${target.toString()}`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf("\r\n\r\n");
      if (split === -1) return resolve({ status: 0, headers: {}, body: "" });
      const [statusLine = "", ...headerLines] = all.subarray(0, split).toString("latin1").split("\r\n");
      const received: Record<string, string> = {};
      for (const line of headerLines) received[line.slice(0, line.indexOf(":")).toLowerCase()] = line.slice(line.indexOf(":") + 1).trim();
      let rest = all.subarray(split + 4);
      if (/chunked/i.test(received["transfer-encoding"] ?? "")) {
        const parts: Buffer[] = [];
        for (let size = 1; rest.length && size;) {
          const end = rest.indexOf("\r\n");
          size = parseInt(rest.subarray(0, end).toString(), 16);
          parts.push(rest.subarray(end + 2, end + 2 + size));
          rest = rest.subarray(end + 4 + size);
        }
        rest = Buffer.concat(parts);
      }
      resolve({ status: Number(statusLine.split(" ")[1]), headers: received, body: rest.toString("utf8") });
    });
    socket.write(Buffer.concat([head, payload]));
  });
}

const cookieOf = (account: E2eAccount) =>
  (JSON.parse(readFileSync(storageStateOf(account), "utf8")) as { cookies: { name: string; value: string }[] }).cookies
    .map((cookie) => `${cookie.name}=${cookie.value}`)
    .join("; ");

const multipart = (parts: [string, string][], boundary = BOUNDARY) =>
  parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
  `--${boundary}--\r\n`;
const FORM = `multipart/form-data; boundary=${BOUNDARY}`;

const BAD_ADDRESS = "请求地址无效：含有无法解码的字符或控制字符";
const BAD_METHOD = "此地址不支持该请求方法。";
const BAD_ACTION_TYPE = "表单只接受 multipart/form-data 格式";
const BAD_ACTION_BODY = "表单内容不完整或格式不正确";
const PAGE_METHODS = "GET, HEAD, POST";
const API_METHODS = "GET, HEAD, OPTIONS";

interface Probe {
  name: string;
  method: string;
  target: string | Buffer;
  account?: E2eAccount;
  headers?: Record<string, string>;
  body?: string | Buffer;
  status: 400 | 405 | 409 | 415;
  message: string;
  allow?: string;
}

const action = (name: string, headers: Record<string, string>, body: string | Buffer, status: Probe["status"], message: string): Probe => ({
  name,
  method: "POST",
  target: "/admin/settings",
  account: "admin",
  headers: { Origin: BASE.origin, Accept: "text/x-component", ...headers },
  body,
  status,
  message,
});

const probes: Probe[] = [
  // Addresses that do not decode, or decode to a NUL.
  ...(
    [
      ["a lone byte in a task's path", "/tasks/%FF"],
      ["invalid UTF-8 in a unit's path", "/units/%C3%28"],
      ["an overlong encoding in an indicator's path", "/indicators/%C0%AF"],
      ["an encoded surrogate in a report form's path", "/progress/1/%ED%A0%80"],
      ["a NUL in a task's path", "/tasks/%00"],
      ["a NUL in the search", "/tasks?q=%00"],
      ["invalid UTF-8 in the search", "/tasks?q=%C3%28"],
      ["a stray % in a filter", "/review?quarter=100%"],
      ["a % without hex digits in a parameter's name", "/tasks?%zz=1"],
    ] as const
  ).map(([name, target]): Probe => ({ name, method: "GET", target, account: "reviewer", status: 400, message: BAD_ADDRESS })),
  {
    name: "a NUL in the sign-in page's return address",
    method: "GET",
    target: "/login?callbackUrl=%2F%00",
    status: 400,
    message: BAD_ADDRESS,
  },
  { name: "a lone byte in a build file's path", method: "GET", target: "/_next/static/%FF", status: 400, message: BAD_ADDRESS },
  ...(
    [
      ["a lone byte in a task number", "/api/v1/tasks/%FF"],
      ["invalid UTF-8 in an indicator code", "/api/v1/indicators/%C3%28/assessment"],
      ["a NUL in the API search", "/api/v1/tasks?q=%00"],
      ["a lone byte in the API search", "/api/v1/tasks.xlsx?q=%FF"],
      ["a NUL under /api", "/api/%00"],
    ] as const
  ).map(([name, target]): Probe => ({ name, method: "GET", target, status: 400, message: BAD_ADDRESS })),
  {
    name: "invalid UTF-8 in an evidence file's id",
    method: "GET",
    target: "/api/evidence/%C3%28",
    account: "provincialStaff",
    status: 400,
    message: BAD_ADDRESS,
  },
  {
    name: "a raw 0xFF byte in the path",
    method: "GET",
    target: Buffer.from([...Buffer.from("/tasks/"), 0xff]),
    status: 400,
    message: "请求格式无效",
  },
  { name: "raw UTF-8 in the path", method: "GET", target: Buffer.from("/tasks/任务"), status: 400, message: "请求格式无效" },

  // Methods an address does not take.
  ...(
    [
      ["PUT", "/tasks", "provincialStaff"],
      ["DELETE", "/admin/users", "admin"],
      ["PATCH", "/login", undefined],
      ["TRACE", "/", undefined],
      ["OPTIONS", "/tasks", "provincialStaff"],
      ["PROPFIND", "/tasks", "provincialStaff"],
    ] as const
  ).map(([method, target, account]): Probe => ({
    name: `${method} on a page`,
    method,
    target,
    account,
    status: 405,
    message: BAD_METHOD,
    allow: PAGE_METHODS,
  })),
  ...(
    [
      ["POST", "/api/v1/tasks", undefined, API_METHODS],
      ["DELETE", "/api/v1/progress", "reviewer", API_METHODS],
      ["PUT", "/api/no-such-route", undefined, API_METHODS],
      ["PATCH", "/api/exports/reports.xlsx", "reviewer", API_METHODS],
      ["TRACE", "/api/auth/session", undefined, "GET, HEAD, OPTIONS, POST"],
    ] as const
  ).map(([method, target, account, allow]): Probe => ({
    name: `${method} on ${target}`,
    method,
    target,
    account,
    status: 405,
    message: BAD_METHOD,
    allow,
  })),
  { name: "CONNECT, a proxy tunnel", method: "CONNECT", target: `${BASE.host}`, status: 405, message: BAD_METHOD },

  // Server actions in shapes React never sends.
  action(
    "an action posted as JSON",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "application/json" },
    '{"name":"x"}',
    415,
    BAD_ACTION_TYPE,
  ),
  action("an action without a content type", { "Next-Action": UNKNOWN_ACTION }, "[]", 415, BAD_ACTION_TYPE),
  action(
    "an action as a url-encoded form",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "application/x-www-form-urlencoded" },
    "name=x",
    415,
    BAD_ACTION_TYPE,
  ),
  action(
    "an action as octet-stream",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "application/octet-stream" },
    "xx",
    415,
    BAD_ACTION_TYPE,
  ),
  action(
    "an action as multipart without a boundary",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "multipart/form-data" },
    "--x\r\n",
    415,
    BAD_ACTION_TYPE,
  ),
  action(
    "an action id of the wrong format",
    { "Next-Action": "deadbeef", "Content-Type": "text/plain;charset=UTF-8" },
    "[]",
    400,
    "操作标识格式不正确",
  ),
  action(
    "an action's text body that is no JSON",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "text/plain;charset=UTF-8" },
    "garbage{{",
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's text body in invalid UTF-8",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "text/plain;charset=UTF-8" },
    Buffer.from([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]),
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's text body referring to a missing part",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "text/plain;charset=UTF-8" },
    '["$undefined","$Q5"]',
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's form under another boundary",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": "multipart/form-data; boundary=abc" },
    "--xyz\r\nbroken",
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's form cut off",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": FORM },
    multipart([["0", '["$undefined","$K1"]']]).slice(0, -12),
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's form without its root part",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": FORM },
    multipart([["_1_name", "x"]]),
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "an action's form whose root is no JSON",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": FORM },
    multipart([["0", "garbage{{"]]),
    400,
    BAD_ACTION_BODY,
  ),
  action(
    "a well-formed action this build does not have (a page from before an update)",
    { "Next-Action": UNKNOWN_ACTION, "Content-Type": FORM },
    multipart([
      ["_1_name", "x"],
      ["0", '["$undefined","$K1"]'],
    ]),
    409,
    "页面已过期（系统已更新），请刷新页面后重新提交",
  ),
  action(
    "a form posted without JavaScript naming no action",
    { "Content-Type": FORM },
    multipart([["$ACTION_ID_deadbeef", ""]]),
    400,
    BAD_ACTION_BODY,
  ),
  {
    name: "a page posted text without an action",
    method: "POST",
    target: "/tasks",
    account: "provincialStaff",
    headers: { "Content-Type": "text/plain" },
    body: "x",
    status: 415,
    message: BAD_ACTION_TYPE,
  },
];

test.describe("malformed requests over the wire", () => {
  for (const probe of probes) {
    test(`${probe.name} is refused with ${probe.status} in Chinese`, async () => {
      const headers = { ...probe.headers, ...(probe.account ? { Cookie: cookieOf(probe.account) } : {}) };
      const response = await send(probe.method, probe.target, headers, probe.body);
      expect(response.status).toBe(probe.status);
      expect(response.body).toContain(probe.message);
      if (probe.allow) expect(response.headers.allow).toBe(probe.allow);
      const target = probe.target.toString();
      if (target.startsWith("/api/") && probe.method !== "CONNECT") {
        expect(response.headers["content-type"]).toContain("application/json");
        expect(JSON.parse(response.body)).toEqual({
          error: { status: probe.status, message: expect.stringContaining(probe.message) as unknown },
        });
      } else {
        expect(response.headers["content-type"]).toContain("text/html");
        expect(response.body).toContain('<html lang="zh-CN">');
      }
    });
  }
});

/** The id of a page's server action, as the browser posts it (the request is stopped before it arrives). */
async function actionIdOf(page: Page, submit: () => Promise<void>): Promise<string> {
  let id = "";
  await page.route(
    (url) => url.pathname === new URL(page.url()).pathname,
    async (route) => {
      const header = route.request().headers()["next-action"];
      if (!header) return route.continue();
      id = header;
      await route.abort();
    },
  );
  await submit();
  await expect.poll(() => id).not.toBe("");
  await page.unroute(() => true);
  return id;
}

test("a real server action called with something other than its form is refused in Chinese, not with a 500", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateOf("admin") });
  const page = await context.newPage();
  await page.goto("/admin/settings");
  const id = await actionIdOf(page, async () => {
    await page.getByLabel(/用途/).fill("探测");
    await page.getByRole("button", { name: "签发" }).click();
  });
  const response = await send(
    "POST",
    "/admin/settings",
    { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Origin: BASE.origin, Cookie: cookieOf("admin") },
    '["$undefined","not a form"]',
  );
  expect(response.status).toBe(200);
  expect(response.body).toContain("提交无效：表单内容格式不正确，请刷新页面后重新提交。");
  await context.close();
});

test.describe("control characters in what users type", () => {
  test("a display name with a right-to-left override is refused next to the field, and no account is created", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const page = await context.newPage();
    await page.goto("/admin/users");
    await page.getByLabel("用户名").fill("e2e.bidi");
    await page.getByLabel("姓名").fill("张\u202egpj.exe");
    await page.getByLabel("角色").selectOption("LEADER");
    await page.getByLabel("初始密码").fill("Initial#Pass2026");
    await page.getByRole("button", { name: /创建/ }).click();
    await expect(page.getByText("姓名不能包含换行、制表符或文字方向控制字符")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("main")).not.toContainText("e2e.bidi");
    await context.close();
  });

  test("a reminder holding a control character is refused with a Chinese message and its text stays", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("reviewer") });
    const page = await context.newPage();
    await page.goto("/reminders");
    const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "省林业局", exact: true }) });
    await row.getByRole("checkbox").check();
    const text = "探测催办\u0007请报送进展";
    await page.getByLabel("内容").fill(text);
    await page.getByRole("button", { name: "向所选单位发出" }).click();
    await expect(page.locator("#reminder-message-error")).toHaveText("催办内容不能包含控制字符或无法保存的字符（如 U+0000、U+FFFE）");
    await expect(page.getByLabel("内容")).toHaveValue(text);
    await expect(page.getByRole("region", { name: "催办与通报记录" })).not.toContainText("探测催办");
    await context.close();
  });

  test("signing in with a NUL in the username is an ordinary refusal in Chinese", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("用户名").fill("fgw\u0000");
    await page.getByLabel("密码").fill("Wrong#Guess1");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.locator("#login-error")).toContainText(/[\u4e00-\u9fff]/);
    await expect(page).toHaveURL(/\/login/);
  });
});
