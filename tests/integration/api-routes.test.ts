/**
 * The route wrapper against the real database: every failure answers the one JSON error body
 * with its status and a Chinese message (an unexpected error as a 500 without details), sessions
 * and roles are checked (denials audited), API tokens are accepted only where a route allows
 * them, and downloads are audited as exports. Route handlers are called as Next calls them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { route, INTERNAL_ERROR_MESSAGE } from "@/lib/core/route";
import { AppError, StaleWriteError, UserFacingError } from "@/lib/core/errors";
import { issueApiToken, revokeApiToken } from "@/lib/admin/api-tokens";
import * as tasksRoute from "@/app/api/v1/tasks/route";
import * as taskRoute from "@/app/api/v1/tasks/[number]/route";
import * as observationsRoute from "@/app/api/v1/indicators/[code]/observations/route";
import * as assessmentRoute from "@/app/api/v1/indicators/[code]/assessment/route";
import * as progressRoute from "@/app/api/v1/progress/route";
import * as annualRoute from "@/app/api/v1/reports/annual/[file]/route";
import * as evidenceRoute from "@/app/api/evidence/[id]/route";
import * as indicatorsExportRoute from "@/app/api/exports/indicators.xlsx/route";
import * as reportsExportRoute from "@/app/api/exports/reports.xlsx/route";
import * as unknownApiRoute from "@/app/api/[...path]/route";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const ORIGIN = "http://localhost:3000";
const get = (path: string, headers: Record<string, string> = {}) => new Request(`${ORIGIN}${path}`, { headers });
const withParams = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

async function errorOf(response: Response) {
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { status: number; message: string } };
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.status).toBe(response.status);
  return body.error;
}

let token: string;
let adminId: number;
const createdReports: number[] = [];

beforeAll(async () => {
  adminId = (await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } })).id;
  token = await issueApiToken("接口测试令牌", adminId);
  // One accepted and one submitted report of 萍乡市 on task 22: a token reads the first only.
  const [task, unit, reviewer] = await Promise.all([
    db.task.findUniqueOrThrow({ where: { number: 22 }, select: { id: true } }),
    db.unit.findUniqueOrThrow({ where: { code: "pingxiang" }, select: { id: true } }),
    db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } }),
  ]);
  const staff = await db.user.findUniqueOrThrow({ where: { username: "pingxiang" }, select: { id: true } });
  for (const [quarter, status] of [
    [1, "ACCEPTED"],
    [2, "SUBMITTED"],
  ] as const) {
    const report = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: unit.id,
        year: 2025,
        quarter,
        status,
        progressState: "ON_TRACK",
        percent: 40,
        progress: `接口测试：${status}`,
        updatedById: staff.id,
        submittedAt: new Date("2025-04-05T02:00:00Z"),
        ...(status === "ACCEPTED" ? { reviewedAt: new Date("2025-04-08T02:00:00Z"), reviewedById: reviewer.id } : {}),
      },
      select: { id: true },
    });
    createdReports.push(report.id);
  }
});

afterEach(() => {
  signOut();
  vi.restoreAllMocks();
});

afterAll(async () => {
  await db.progressReport.deleteMany({ where: { id: { in: createdReports } } });
  await db.$disconnect();
});

describe("the route wrapper's error mapping", () => {
  it("answers an unexpected error with 500 JSON and a Chinese message, logged, never the error itself", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const handler = route({ auth: "public" }, async () => {
      throw new Error("connection to 10.0.0.7 refused at Pool.connect (/srv/app/node_modules/pg/lib/index.js:45)");
    });
    const response = await handler(get("/api/v1/anything"));
    expect(response.status).toBe(500);
    const text = await response.clone().text();
    expect(text).not.toContain("10.0.0.7");
    expect(text).not.toContain("node_modules");
    expect(await errorOf(response)).toEqual({ status: 500, message: INTERNAL_ERROR_MESSAGE });
    expect(INTERNAL_ERROR_MESSAGE).toMatch(/服务器内部错误/);
    expect(logged).toHaveBeenCalledOnce();
  });

  it("answers an AppError with its code's status and its message", async () => {
    for (const [error, status] of [
      [new AppError("CONFLICT", "记录已被他人修改"), 409],
      [new AppError("PAYLOAD_TOO_LARGE", "文件不能超过 20 MB"), 413],
      [new AppError("RATE_LIMITED", "请求过于频繁"), 429],
      [new AppError("UNAVAILABLE", "服务暂时不可用"), 503],
      [new UserFacingError("单位不存在"), 400],
      [new StaleWriteError("该报告刚刚被他人处理"), 409],
    ] as const) {
      const response = await route({ auth: "public" }, async () => {
        throw error;
      })(get("/api/v1/anything"));
      expect(response.status, error.message).toBe(status);
      expect(await errorOf(response)).toEqual({ status, message: error.message });
    }
  });

  it("answers a bad query parameter with 400 and the parameter's Chinese message", async () => {
    const response = await tasksRoute.GET(get("/api/v1/tasks?year=1999&sort=colour"));
    expect(response.status).toBe(400);
    const { message } = await errorOf(response);
    expect(message).toContain("查询参数无效");
    expect(message).toContain("年份应在 2024–2035 之间");
    expect(message).toContain("排序字段无效");
  });

  it("answers a malformed path id with 404, as the README documents, and an unknown one alike", async () => {
    for (const number of ["abc", "1.5", "0", "1e1", "0x1", "61"]) {
      const response = await taskRoute.GET(get(`/api/v1/tasks/${number}`), withParams({ number }));
      expect(response.status, number).toBe(404);
      expect((await errorOf(response)).message, number).toMatch(/任务/);
    }
    const ok = await taskRoute.GET(get("/api/v1/tasks/42"), withParams({ number: "42" }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("public, max-age=60");

    for (const code of ["pm25", "NO_SUCH"]) {
      const response = await assessmentRoute.GET(get(`/api/v1/indicators/${code}/assessment`), withParams({ code }));
      expect(response.status, code).toBe(404);
      await errorOf(response);
    }
  });

  it("answers an area that is not a city with 400, and an unknown indicator with 404", async () => {
    const badArea = await observationsRoute.GET(get("/api/v1/indicators/PM25/observations?area=fgw"), withParams({ code: "PM25" }));
    expect(badArea.status).toBe(400);
    expect((await errorOf(badArea)).message).toBe("area 应为 province、all 或设区市代码");
    const unknown = await observationsRoute.GET(get("/api/v1/indicators/NO_SUCH/observations"), withParams({ code: "NO_SUCH" }));
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).message).toBe("指标 NO_SUCH 不存在");
  });
});

describe("addresses under /api that are no route", () => {
  it("answer 404 in the JSON error body, not with the HTML page", async () => {
    const response = await unknownApiRoute.GET(new Request(`${ORIGIN}/api/v1/no-such-thing`), {
      params: Promise.resolve({ path: ["v1", "no-such-thing"] }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect((await errorOf(response)).message).toBe("接口不存在：/api/v1/no-such-thing");
  });
});

describe("text in search parameters", () => {
  it.each([
    ["a NUL character", "%00"],
    ["a control character", "%07"],
    ["U+FFFF", "%EF%BF%BF"],
  ])("refuses %s in a parameter with 400 and a Chinese message, before the database sees it", async (_name, encoded) => {
    const response = await tasksRoute.GET(get(`/api/v1/tasks?q=河湖${encoded}`));
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toBe("查询参数无效：查询参数 q 不能包含控制字符或无效字符");
  });
});

describe("sessions, roles and API tokens", () => {
  it("answers 401 JSON without a session, on every route that needs one", async () => {
    for (const [name, call] of [
      ["progress", () => progressRoute.GET(get("/api/v1/progress"))],
      ["annual", () => annualRoute.GET(get("/api/v1/reports/annual/2026.docx"), withParams({ file: "2026.docx" }))],
      ["evidence", () => evidenceRoute.GET(get("/api/evidence/1"), withParams({ id: "1" }))],
      ["export", () => indicatorsExportRoute.GET(get("/api/exports/indicators.xlsx"))],
    ] as const) {
      const response = await call();
      expect(response.status, name).toBe(401);
      expect((await errorOf(response)).message, name).toBe("未登录或会话已过期，请重新登录");
    }
  });

  it("answers 403 JSON to a role without the permission and audits the denial", async () => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
    const before = await db.auditLog.count({ where: { actorId: admin.id, action: "access.denied", entityId: "report:read" } });
    await signInAs(db, "admin");
    const response = await progressRoute.GET(get("/api/v1/progress"));
    expect(response.status).toBe(403);
    expect((await errorOf(response)).message).toBe("当前账号无权执行此操作");
    expect(await db.auditLog.count({ where: { actorId: admin.id, action: "access.denied", entityId: "report:read" } })).toBe(before + 1);
  });

  it("checks authentication before parameters: an anonymous bad request is 401, a signed-in one 400 or 404", async () => {
    expect((await progressRoute.GET(get("/api/v1/progress?quarter=2026Q9"))).status).toBe(401);
    await signInAs(db, "reviewer");
    const bad = await progressRoute.GET(get("/api/v1/progress?quarter=2026Q9"));
    expect(bad.status).toBe(400);
    expect((await errorOf(bad)).message).toBe("查询参数无效：季度格式应为 2026Q3");
    const noYear = await annualRoute.GET(get("/api/v1/reports/annual/1999.docx"), withParams({ file: "1999.docx" }));
    expect(noYear.status).toBe(404);
    expect((await errorOf(noYear)).message).toContain("年度报告不存在");
  });

  it("reads progress with an API token (accepted reports only), refuses a bad or revoked one", async () => {
    const response = await progressRoute.GET(get("/api/v1/progress?unit=pingxiang&task=22", { authorization: `Bearer ${token}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const { data } = (await response.json()) as { data: { id: number; status: string }[] };
    expect(data.map((report) => report.id)).toContain(createdReports[0]);
    expect(data.map((report) => report.id)).not.toContain(createdReports[1]);
    expect(data.every((report) => report.status === "ACCEPTED")).toBe(true);
    const used = await db.apiToken.findFirstOrThrow({ where: { name: "接口测试令牌" }, select: { id: true, lastUsedAt: true } });
    expect(used.lastUsedAt).not.toBeNull();

    for (const header of ["Bearer mljx_not-a-token", "Bearer something-else"]) {
      const refused = await progressRoute.GET(get("/api/v1/progress", { authorization: header }));
      expect(refused.status, header).toBe(401);
      expect((await errorOf(refused)).message).toBe("API 令牌无效或已吊销");
    }

    const revoked = await issueApiToken("接口测试令牌（吊销）", adminId);
    const row = await db.apiToken.findFirstOrThrow({ where: { name: "接口测试令牌（吊销）" }, select: { id: true } });
    await revokeApiToken(row.id, adminId);
    expect((await progressRoute.GET(get("/api/v1/progress", { authorization: `Bearer ${revoked}` }))).status).toBe(401);
  });

  it("does not accept an API token where a route does not allow one", async () => {
    const headers = { authorization: `Bearer ${token}` };
    const annual = await annualRoute.GET(get("/api/v1/reports/annual/2026.docx", headers), withParams({ file: "2026.docx" }));
    expect(annual.status).toBe(401);
    const exported = await reportsExportRoute.GET(get("/api/exports/reports.xlsx", headers));
    expect(exported.status).toBe(401);
    await errorOf(exported);
  });

  it("lets the reviewer read submitted reports through the session, and audits a download as an export", async () => {
    await signInAs(db, "reviewer");
    const response = await progressRoute.GET(get("/api/v1/progress?unit=pingxiang&task=22"));
    expect(response.status).toBe(200);
    const { data } = (await response.json()) as { data: { id: number }[] };
    expect(data.map((report) => report.id)).toEqual(expect.arrayContaining(createdReports));

    const reviewer = await db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } });
    const exports = () => db.auditLog.count({ where: { actorId: reviewer.id, action: "export", entityId: "indicators.xlsx" } });
    const before = await exports();
    const download = await indicatorsExportRoute.GET(get("/api/exports/indicators.xlsx"));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toContain("spreadsheetml");
    expect(await exports()).toBe(before + 1);
  });
});
