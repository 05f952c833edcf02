/**
 * Requests refused before Next decodes them: an address that does not decode, a method the
 * address does not take, a server action in a shape React never sends. Each refusal is a 4xx with
 * a Chinese message (the API's JSON body under /api); ordinary requests pass untouched.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  allowedMethods,
  malformedActionBody,
  malformedRequest,
  MESSAGES,
  rawRefusal,
  refusalAnswer,
  unknownActionRefusal,
} from "@/lib/core/request-checks";

const ACTION_ID = "7f".padEnd(42, "0a");
const multipart = (parts: [string, string][], boundary = "----WebKitFormBoundaryAbC123") => ({
  headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "next-action": ACTION_ID },
  body: new TextEncoder().encode(
    parts.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join("") +
      `--${boundary}--\r\n`,
  ),
});

describe("the address", () => {
  it.each([
    ["a NUL in the path", "/tasks/%00"],
    ["a NUL in a query value", "/tasks?q=%00"],
    ["a NUL in a query name", "/tasks?%00=1"],
    ["another control character", "/api/v1/tasks?q=%1B"],
    ["U+FFFF", "/tasks?q=%EF%BF%BF"],
    ["invalid UTF-8", "/tasks/%C3%28"],
    ["a lone byte", "/api/v1/tasks/%FF"],
    ["an overlong encoding", "/units/%C0%AF"],
    ["an encoded surrogate", "/indicators/%ED%A0%80"],
    ["a stray %", "/tasks?q=100%"],
    ["a % without hex digits", "/progress/1/%zz"],
  ])("is refused with 400 when it holds %s", (_name, url) => {
    expect(malformedRequest("GET", url, {})).toEqual({ status: 400, message: MESSAGES.badAddress });
    expect(malformedRequest("GET", `http://localhost:3000${url}`, new Headers())).toEqual({ status: 400, message: MESSAGES.badAddress });
  });

  it.each([
    "/",
    "/tasks?q=%E6%B2%B3%E6%B9%96&unit=slt",
    "/tasks?q=a+b%20c",
    "/progress/42/2026Q3",
    "/login?callbackUrl=%2Fprogress%2F1%2F2026Q3",
    "/api/v1/tasks.xlsx?section=1",
    "/tasks?q=%0A%09",
    "/_next/static/chunks/app.js",
  ])("passes an ordinary address: %s", (url) => {
    expect(malformedRequest("GET", url, {})).toBeNull();
  });
});

describe("the method", () => {
  it.each([
    ["PUT", "/tasks", ["GET", "HEAD", "POST"]],
    ["DELETE", "/admin/users", ["GET", "HEAD", "POST"]],
    ["PATCH", "/login", ["GET", "HEAD", "POST"]],
    ["OPTIONS", "/tasks", ["GET", "HEAD", "POST"]],
    ["TRACE", "/", ["GET", "HEAD", "POST"]],
    ["PROPFIND", "/tasks", ["GET", "HEAD", "POST"]],
    ["POST", "/api/v1/tasks", ["GET", "HEAD", "OPTIONS"]],
    ["DELETE", "/api/v1/progress", ["GET", "HEAD", "OPTIONS"]],
    ["PUT", "/api/no-such-route", ["GET", "HEAD", "OPTIONS"]],
    ["TRACE", "/api/auth/session", ["GET", "HEAD", "OPTIONS", "POST"]],
    ["POST", "/_next/static/chunks/app.js", ["GET", "HEAD"]],
  ])("refuses %s %s with 405, saying which methods it takes", (method, url, allow) => {
    expect(malformedRequest(method, url, {})).toEqual({ status: 405, message: MESSAGES.badMethod, allow });
  });

  it.each([
    ["GET", "/tasks"],
    ["HEAD", "/dashboard"],
    ["OPTIONS", "/api/v1/tasks"],
    ["POST", "/api/auth/callback/credentials"],
    ["get", "/tasks"],
  ])("passes %s %s", (method, url) => {
    expect(malformedRequest(method, url, {})).toBeNull();
  });

  it("matches what every route handler exports: the API only reads, next-auth also takes POST", () => {
    const files = readdirSync("app/api", { recursive: true, encoding: "utf8" }).filter((file) => path.basename(file) === "route.ts");
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(path.join("app/api", file), "utf8");
      const exported = [
        ...source.matchAll(/export (?:const|async function|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g),
        ...source.matchAll(/\bas (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g),
      ].map((match) => match[1]!);
      const address = `/api/${file.replace(/\/?route\.ts$/, "").replace(/\[\.\.\.\w+\]|\[\w+\]/g, "x")}`;
      expect(exported.length, file).toBeGreaterThan(0);
      for (const method of exported) expect(allowedMethods(address), `${method} ${file}`).toContain(method);
    }
  });
});

describe("a server action's request", () => {
  const post = (headers: Record<string, string>) => malformedRequest("POST", "/admin/settings", headers);

  it("passes what React sends: multipart/form-data, or text/plain for a fetch action without a form", () => {
    expect(post({ "next-action": ACTION_ID, "content-type": "multipart/form-data; boundary=----WebKitFormBoundaryAbC123" })).toBeNull();
    expect(post({ "next-action": ACTION_ID, "content-type": "text/plain;charset=UTF-8" })).toBeNull();
    // A form posted without JavaScript.
    expect(post({ "content-type": 'multipart/form-data; boundary="abc"' })).toBeNull();
  });

  it.each([
    ["JSON", { "next-action": ACTION_ID, "content-type": "application/json" }],
    ["a url-encoded form (Next only bails out on one)", { "next-action": ACTION_ID, "content-type": "application/x-www-form-urlencoded" }],
    ["no content type", { "next-action": ACTION_ID }],
    ["octet-stream", { "next-action": ACTION_ID, "content-type": "application/octet-stream" }],
    ["multipart without a boundary", { "next-action": ACTION_ID, "content-type": "multipart/form-data" }],
    ["text/plain without an action id", { "content-type": "text/plain" }],
    ["a page posted JSON", { "content-type": "application/json" }],
  ])("refuses %s with 415", (_name, headers) => {
    expect(post(headers)).toEqual({ status: 415, message: MESSAGES.badActionType });
  });

  it.each(["deadbeef", "%00", "", "z".repeat(42), `${ACTION_ID}0`])("refuses the action id %j with 400", (id) => {
    expect(post({ "next-action": id, "content-type": "text/plain" })).toEqual({ status: 400, message: MESSAGES.badActionId });
  });
});

describe("a server action's body", () => {
  const refused = { status: 400, message: MESSAGES.badActionBody };

  it("passes React's multipart reply, the root part last, and a form posted without JavaScript", () => {
    const form = multipart([
      ["1_name", "接口令牌"],
      ["0", '["$undefined","$K1"]'],
    ]);
    expect(malformedActionBody(form.headers, form.body)).toBeNull();
    const noScript = multipart([["$ACTION_ID_abc", ""]]);
    expect(malformedActionBody({ "content-type": noScript.headers["content-type"] }, noScript.body)).toBeNull();
  });

  it("finds the root when parts follow it, or when the body is longer than the part read from its end", () => {
    const later = multipart([
      ["0", '["$@1"]'],
      ["1", '"streamed"'],
    ]);
    expect(malformedActionBody(later.headers, later.body)).toBeNull();
    const long = multipart([
      ["0", '["$undefined","$K1"]'],
      ["1_file", "x".repeat(5000)],
    ]);
    expect(malformedActionBody(long.headers, long.body, 100)).toBeNull();
  });

  it("passes a text/plain reply that is a JSON array", () => {
    expect(malformedActionBody({ "content-type": "text/plain" }, new TextEncoder().encode('["$undefined"]'))).toBeNull();
  });

  it("passes values that stand for themselves: escaped strings, undefined, dates, bigints, the form's fields", () => {
    const reply = '["$$5 元", "$undefined", "$D2026-10-01T00:00:00.000Z", "$n12", "$NaN", "$-0", "$K1", {"a": ["$Infinity"]}, "$0"]';
    expect(malformedActionBody({ "content-type": "text/plain" }, new TextEncoder().encode(reply))).toBeNull();
  });

  it.each([
    ["a map", '["$Q5"]'],
    ["a promise", '["$undefined", "$@2"]'],
    ["an outlined object", '[{"x": "$3:values"}]'],
    ["a server function", '["$ha"]'],
    ["a bare $", '["$"]'],
    ["a reference without an id", '["$Qzz"]'],
    ["nesting deeper than any form", `${"[".repeat(100)}${"]".repeat(100)}`],
  ])("refuses a text/plain reply referring to a part it cannot have: %s", (_name, reply) => {
    expect(malformedActionBody({ "content-type": "text/plain" }, new TextEncoder().encode(reply))).toEqual(refused);
  });

  it("refuses a multipart reply referring to a part it does not carry, and passes one that carries it", () => {
    const missing = multipart([["0", '["$undefined","$Q1"]']]);
    expect(malformedActionBody(missing.headers, missing.body)).toEqual(refused);
    const carried = multipart([
      ["1", '[["a",1]]'],
      ["0", '["$undefined","$Q1"]'],
    ]);
    expect(malformedActionBody(carried.headers, carried.body)).toBeNull();
  });

  it.each([
    ["garbage text", { "content-type": "text/plain" }, new TextEncoder().encode("garbage{{")],
    ["a JSON object, not the arguments' array", { "content-type": "text/plain" }, new TextEncoder().encode('{"name":"x"}')],
    ["invalid UTF-8", { "content-type": "text/plain" }, new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d])],
  ])("refuses a text/plain body of %s", (_name, headers, body) => {
    expect(malformedActionBody(headers, body)).toEqual(refused);
  });

  it("refuses a multipart body with another boundary, cut off, without its root, or with a root that is not JSON", () => {
    const good = multipart([
      ["1_name", "x"],
      ["0", '["$undefined","$K1"]'],
    ]);
    const wrongBoundary = { ...good.headers, "content-type": "multipart/form-data; boundary=other" };
    expect(malformedActionBody(wrongBoundary, good.body)).toEqual(refused);
    expect(malformedActionBody(good.headers, good.body.subarray(0, good.body.length - 20))).toEqual(refused);
    const rootless = multipart([["1_name", "x"]]);
    expect(malformedActionBody(rootless.headers, rootless.body)).toEqual(refused);
    const garbage = multipart([["0", "garbage{{"]]);
    expect(malformedActionBody(garbage.headers, garbage.body)).toEqual(refused);
    const headless = { headers: good.headers, body: new TextEncoder().encode("--xyz\r\nbroken") };
    expect(malformedActionBody(headless.headers, headless.body)).toEqual(refused);
  });
});

describe("the refusal's answer", () => {
  it("is the API's JSON error body under /api, with Allow for a 405", () => {
    const answer = refusalAnswer({ status: 405, message: MESSAGES.badMethod, allow: ["GET", "HEAD", "OPTIONS"] }, "/api/v1/tasks");
    expect(answer.status).toBe(405);
    expect(answer.headers).toMatchObject({ Allow: "GET, HEAD, OPTIONS", "Content-Type": "application/json; charset=utf-8" });
    expect(JSON.parse(answer.body)).toEqual({ error: { status: 405, message: "此地址不支持该请求方法。" } });
  });

  it("is a small Chinese page elsewhere, with nothing to run", () => {
    const answer = refusalAnswer({ status: 400, message: MESSAGES.badAddress }, "http://localhost/tasks/%FF");
    expect(answer.headers["Content-Type"]).toBe("text/html; charset=utf-8");
    expect(answer.headers["Content-Security-Policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answer.body).toContain('<html lang="zh-CN">');
    expect(answer.body).toContain(MESSAGES.badAddress);
  });

  it("is whole raw HTTP/1.1 for a socket Node's parser gave up on, its length counted in bytes", () => {
    const raw = rawRefusal({ status: 400, message: MESSAGES.badClientRequest });
    const [head, body] = raw.split("\r\n\r\n") as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head).toContain("Connection: close");
    expect(head).toContain(`Content-Length: ${Buffer.byteLength(body)}`);
    expect(body).toContain("请求格式无效，服务器无法处理。");
  });

  it("words Next's refusal of an unknown server action in Chinese: another build's (409) or none at all (400)", () => {
    expect(unknownActionRefusal(409)).toEqual({ status: 409, message: "提交无效：页面已过期（系统已更新），请刷新页面后重新提交。" });
    expect(unknownActionRefusal(400)).toEqual({ status: 400, message: MESSAGES.badActionBody });
  });
});
