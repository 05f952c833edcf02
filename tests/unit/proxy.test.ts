import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";

const SECRET = "unit-test-secret-only";
let proxy: (request: NextRequest) => Promise<Response>;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET = SECRET;
  ({ proxy } = await import("@/proxy"));
});

const now = () => Math.floor(Date.now() / 1000);
async function requestWith(claims: { authTime: number; lastSeen: number } | null, path = "/tasks") {
  const headers = new Headers();
  if (claims) {
    const token = await encode({ token: { uid: "1", role: "LEADER", sv: 1, ...claims }, secret: SECRET, maxAge: 86_400 });
    headers.set("cookie", `next-auth.session-token=${token}`);
  }
  return proxy(new NextRequest(`http://localhost${path}`, { headers }));
}

describe("the proxy in front of every page", () => {
  it("sends an anonymous visitor to sign-in, keeping where they were going", async () => {
    const response = await requestWith(null);
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost/login?callbackUrl=%2Ftasks");
  });

  it("ends a session idle for more than 30 minutes, saying so, and drops its cookie", async () => {
    const response = await requestWith({ authTime: now() - 3600, lastSeen: now() - 31 * 60 });
    expect(response.headers.get("location")).toBe("http://localhost/login?callbackUrl=%2Ftasks&expired=1");
    expect(response.headers.get("set-cookie")).toMatch(/next-auth\.session-token=;/);
  });

  it("ends a session older than 12 hours even when active", async () => {
    const response = await requestWith({ authTime: now() - 12 * 3600 - 60, lastSeen: now() - 10 });
    expect(response.headers.get("location")).toContain("expired=1");
  });

  it("lets a live session through with a nonce Content-Security-Policy, and slides it at most once a minute", async () => {
    const recent = await requestWith({ authTime: now() - 600, lastSeen: now() - 10 });
    expect(recent.headers.get("location")).toBeNull();
    expect(recent.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(recent.headers.get("set-cookie")).toBeNull();
    const older = await requestWith({ authTime: now() - 600, lastSeen: now() - 120 });
    expect(older.headers.get("set-cookie")).toMatch(/next-auth\.session-token=/);
  });
});

describe("malformed requests, refused before Next decodes them", () => {
  const ACTION_ID = "7f".padEnd(42, "0a");
  const send = (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) =>
    proxy(new NextRequest(`http://localhost${path}`, init));

  it("answers an address with NUL or undecodable percent-encoding with 400 and a Chinese page", async () => {
    for (const path of ["/tasks?q=%00", "/tasks/%FF", "/units/%C3%28"]) {
      const response = await send(path);
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-type"), path).toBe("text/html; charset=utf-8");
      expect(await response.text(), path).toContain("请求地址无效");
    }
  });

  it("answers a method a page or the API does not take with 405 and Allow, in JSON under /api", async () => {
    const page = await send("/tasks", { method: "PUT" });
    expect(page.status).toBe(405);
    expect(page.headers.get("allow")).toBe("GET, HEAD, POST");
    const api = await send("/api/v1/tasks", { method: "DELETE" });
    expect(api.status).toBe(405);
    expect(api.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(await api.json()).toEqual({ error: { status: 405, message: "此地址不支持该请求方法。" } });
  });

  it("refuses a server action posted as JSON (415) or with a body React never sends (400)", async () => {
    const json = await send("/admin/settings", {
      method: "POST",
      headers: { "next-action": ACTION_ID, "content-type": "application/json" },
      body: '{"name":"x"}',
    });
    expect(json.status).toBe(415);
    expect(await json.text()).toContain("表单只接受 multipart/form-data 格式");
    const garbage = await send("/admin/settings", {
      method: "POST",
      headers: { "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8" },
      body: "garbage{{",
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain("表单内容不完整或格式不正确");
  });

  it("lets a well-formed action through to the action's own session check, and an API request through untouched", async () => {
    const boundary = "----WebKitFormBoundaryAbC123";
    const action = await send("/admin/settings", {
      method: "POST",
      headers: { "next-action": ACTION_ID, "content-type": `multipart/form-data; boundary=${boundary}` },
      body: `--${boundary}\r\nContent-Disposition: form-data; name="0"\r\n\r\n["$undefined"]\r\n--${boundary}--\r\n`,
    });
    // Anonymous: no redirect, so the action answers "会话已过期" into the form, which keeps its text.
    expect(action.headers.get("x-middleware-next")).toBe("1");
    expect(action.headers.get("location")).toBeNull();
    const page = await send("/admin/settings");
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toContain("/login");
    const api = await send("/api/v1/tasks?q=%E6%B2%B3");
    expect(api.headers.get("x-middleware-next")).toBe("1");
    expect(api.headers.get("location")).toBeNull();
  });
});
