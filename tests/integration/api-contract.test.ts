/**
 * The API contract and the routes agree: every route file under app/api/v1 is in the generated
 * OpenAPI document (a new route without documentation fails here), the document is valid OpenAPI
 * 3.1, and real answers of the routes against the seeded database — data and errors — satisfy
 * both the contract's zod schemas and the JSON Schema the document publishes for that status.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { compileErrors, dereference, validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { z } from "zod";
import { openApiDocument } from "@/lib/api/openapi";
import { ErrorBodySchema } from "@/lib/api/contract";
import { TaskDetailBodySchema, TaskListBodySchema } from "@/lib/api/tasks.contract";
import { UnitListBodySchema } from "@/lib/api/units.contract";
import { AssessmentBodySchema, IndicatorListBodySchema, ObservationListBodySchema } from "@/lib/api/indicators.contract";
import { ProgressListBodySchema } from "@/lib/api/progress.contract";
import { issueApiToken } from "@/lib/admin/api-tokens";
import type { RouteHandler } from "@/lib/core/route";
import { seededPrisma } from "../support/database";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
afterAll(() => db.$disconnect());

const V1 = path.join(process.cwd(), "app/api/v1");
/** Every route file under app/api/v1, as the URL path Next serves it at ("[code]" segments kept). */
const routeFiles = readdirSync(V1, { recursive: true, encoding: "utf8" })
  .filter((file) => path.basename(file) === "route.ts")
  .map((file) => ({ file, urlPath: `/api/v1/${path.dirname(file).split(path.sep).join("/")}` }));

/** A documented path template matches a route folder when each "[name]" segment is a "{…}" template (with its suffix, as "{year}.docx"). */
function documents(template: string, urlPath: string): boolean {
  const pattern = urlPath
    .split("/")
    .map((segment) => (/^\[[^\]]+\]$/.test(segment) ? "\\{[A-Za-z]+\\}(?:\\.[a-z]+)?" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${pattern}$`).test(template);
}

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

describe("the OpenAPI document", () => {
  it("documents every route file under app/api/v1, every method it exports, and nothing else", async () => {
    expect(routeFiles.length).toBeGreaterThanOrEqual(10);
    const documented = Object.keys(openApiDocument.paths ?? {});
    for (const { file, urlPath } of routeFiles) {
      const templates = documented.filter((template) => documents(template, urlPath));
      expect(templates, `${file} is not in the OpenAPI document`).toHaveLength(1);
      const item = openApiDocument.paths![templates[0]!]!;
      const exported = (await import(/* @vite-ignore */ path.join(V1, file))) as Record<string, unknown>;
      for (const method of HTTP_METHODS.filter((name) => typeof exported[name] === "function")) {
        expect(item[method.toLowerCase() as Lowercase<typeof method>], `${method} ${templates[0]}`).toBeDefined();
      }
    }
    for (const template of documented) {
      expect(
        routeFiles.some(({ urlPath }) => documents(template, urlPath)),
        `${template} is documented but has no route`,
      ).toBe(true);
    }
  });

  it("is valid OpenAPI 3.1 and keeps the bearer-token scheme and the error body", async () => {
    const result = await validate(structuredClone(openApiDocument) as OpenAPIV3_1.Document);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(openApiDocument.openapi).toBe("3.1.0");
    expect(openApiDocument.components?.securitySchemes?.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
    expect(openApiDocument.paths?.["/api/v1/progress"]?.get?.security).toEqual([{ bearerToken: [] }, { session: [] }]);
    for (const [template, item] of Object.entries(openApiDocument.paths ?? {})) {
      const responses = item.get?.responses ?? {};
      expect(Object.keys(responses), template).toContain("500");
    }
  });

  it("is what GET /api/v1/openapi.json serves", async () => {
    const { GET } = await import("@/app/api/v1/openapi.json/route");
    const response = await GET(new Request("http://localhost:3000/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300");
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(openApiDocument)));
  });
});

describe("real answers satisfy the document", () => {
  let dereferenced: OpenAPIV3_1.Document;
  let token: string;
  beforeAll(async () => {
    dereferenced = await dereference(structuredClone(openApiDocument) as OpenAPIV3_1.Document);
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
    token = await issueApiToken("契约测试令牌", admin.id);
  });

  /** The JSON Schema the document publishes for this answer, as a validator. */
  function publishedSchema(template: string, status: number) {
    const response = dereferenced.paths?.[template]?.get?.responses?.[String(status)] as OpenAPIV3_1.ResponseObject | undefined;
    const schema = response?.content?.["application/json"]?.schema;
    expect(schema, `${template} documents no JSON answer for ${status}`).toBeDefined();
    return z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  }

  async function expectAnswer(
    handler: RouteHandler,
    url: string,
    {
      template,
      status,
      schema,
      params = {},
      headers = {},
    }: { template: string; status: number; schema: z.ZodType; params?: Record<string, string>; headers?: Record<string, string> },
  ) {
    const response = await handler(new Request(`http://localhost:3000${url}`, { headers }), { params: Promise.resolve(params) });
    expect(response.status, url).toBe(status);
    expect(response.headers.get("content-type"), url).toContain("application/json");
    const body: unknown = await response.json();
    const byContract = schema.safeParse(body);
    expect(byContract.success, `${url} against the contract: ${byContract.error?.message}`).toBe(true);
    const byDocument = publishedSchema(template, status).safeParse(body);
    expect(byDocument.success, `${url} against the document: ${byDocument.error?.message}`).toBe(true);
    return body as { data: unknown };
  }

  it("GET /api/v1/tasks, with and without filters, and its 400", async () => {
    const { GET } = await import("@/app/api/v1/tasks/route");
    const all = await expectAnswer(GET, "/api/v1/tasks", { template: "/api/v1/tasks", status: 200, schema: TaskListBodySchema });
    expect(all.data).toHaveLength(60);
    await expectAnswer(GET, "/api/v1/tasks?unit=kjt&sort=deadline&dir=desc", {
      template: "/api/v1/tasks",
      status: 200,
      schema: TaskListBodySchema,
    });
    await expectAnswer(GET, "/api/v1/tasks?year=1999", { template: "/api/v1/tasks", status: 400, schema: ErrorBodySchema });
  });

  it("GET /api/v1/tasks/{number} and its 404", async () => {
    const { GET } = await import("@/app/api/v1/tasks/[number]/route");
    const template = "/api/v1/tasks/{number}";
    for (const number of ["1", "42", "60"]) {
      await expectAnswer(GET, `/api/v1/tasks/${number}`, { template, status: 200, schema: TaskDetailBodySchema, params: { number } });
    }
    await expectAnswer(GET, "/api/v1/tasks/abc", { template, status: 404, schema: ErrorBodySchema, params: { number: "abc" } });
  });

  it("GET /api/v1/units and /api/v1/indicators", async () => {
    const units = await import("@/app/api/v1/units/route");
    await expectAnswer(units.GET, "/api/v1/units", { template: "/api/v1/units", status: 200, schema: UnitListBodySchema });
    const indicators = await import("@/app/api/v1/indicators/route");
    const { data } = await expectAnswer(indicators.GET, "/api/v1/indicators", {
      template: "/api/v1/indicators",
      status: 200,
      schema: IndicatorListBodySchema,
    });
    expect((data as unknown[]).length).toBeGreaterThanOrEqual(28);
  });

  it("GET /api/v1/indicators/{code}/observations and /assessment for every indicator, and their errors", async () => {
    const observations = await import("@/app/api/v1/indicators/[code]/observations/route");
    const assessment = await import("@/app/api/v1/indicators/[code]/assessment/route");
    const observationsOf = (code: string, search: string, status: number) =>
      expectAnswer(observations.GET, `/api/v1/indicators/${code}/observations${search}`, {
        template: "/api/v1/indicators/{code}/observations",
        status,
        schema: status === 200 ? ObservationListBodySchema : ErrorBodySchema,
        params: { code },
      });
    const assessmentOf = (code: string, status: number) =>
      expectAnswer(assessment.GET, `/api/v1/indicators/${code}/assessment`, {
        template: "/api/v1/indicators/{code}/assessment",
        status,
        schema: status === 200 ? AssessmentBodySchema : ErrorBodySchema,
        params: { code },
      });
    for (const { code } of await db.indicator.findMany({ select: { code: true } })) {
      await observationsOf(code, "?area=all", 200);
      await assessmentOf(code, 200);
    }
    expect(((await observationsOf("PM25", "", 200)).data as unknown[]).length).toBeGreaterThan(0);
    await observationsOf("PM25", "?area=nanchang", 200);
    await observationsOf("PM25", "?area=fgw", 400);
    await observationsOf("NOPE", "", 404);
    await assessmentOf("pm25", 404);
  });

  it("GET /api/v1/progress with an API token, and its 400 and 401", async () => {
    const { GET } = await import("@/app/api/v1/progress/route");
    const template = "/api/v1/progress";
    const headers = { authorization: `Bearer ${token}` };
    // An accepted report with a figure, so the answer has every part of the shape.
    const [task, unit, staff, indicator] = await Promise.all([
      db.task.findUniqueOrThrow({ where: { number: 21 }, select: { id: true } }),
      db.unit.findUniqueOrThrow({ where: { code: "jiujiang" }, select: { id: true } }),
      db.user.findUniqueOrThrow({ where: { username: "jiujiang" }, select: { id: true } }),
      db.indicator.findFirstOrThrow({ select: { id: true } }),
    ]);
    const report = await db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: unit.id,
        year: 2025,
        quarter: 3,
        status: "ACCEPTED",
        progressState: "BEHIND",
        percent: 30,
        progress: "契约测试",
        problems: "资金未到位",
        updatedById: staff.id,
        submittedAt: new Date("2025-10-05T02:00:00Z"),
        reviewedAt: new Date("2025-10-08T02:00:00Z"),
        figures: { create: { indicatorId: indicator.id, value: "12.5", period: "2025Q3" } },
      },
      select: { id: true },
    });
    try {
      const { data } = await expectAnswer(GET, "/api/v1/progress?unit=jiujiang&quarter=2025Q3", {
        template,
        status: 200,
        schema: ProgressListBodySchema,
        headers,
      });
      expect(data).toEqual([
        expect.objectContaining({ id: report.id, figures: [expect.objectContaining({ value: 12.5, period: "2025Q3" })] }),
      ]);
      await expectAnswer(GET, "/api/v1/progress?status=OPEN", { template, status: 400, schema: ErrorBodySchema, headers });
      await expectAnswer(GET, "/api/v1/progress", { template, status: 401, schema: ErrorBodySchema });
    } finally {
      await db.progressReport.delete({ where: { id: report.id } });
    }
  });
});
