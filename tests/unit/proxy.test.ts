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
