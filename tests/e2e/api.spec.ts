/** The public plan API over HTTP, without a session, as other systems call it. */
import { expect, test } from "@playwright/test";
import { z } from "zod";
import { IndicatorListBodySchema } from "@/lib/api/indicators.contract";
import { TaskDetailBodySchema, TaskListBodySchema } from "@/lib/api/tasks.contract";
import { UnitListBodySchema } from "@/lib/api/units.contract";
import { bodyOf, errorOf } from "./json";

test("GET /api/v1/tasks lists the 60 tasks in the documented shape", async ({ request }) => {
  const response = await request.get("/api/v1/tasks");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const { data } = await bodyOf(response, TaskListBodySchema);
  expect(data).toHaveLength(60);
  expect(data[0]).toMatchObject({
    number: 1,
    section: { number: 1, title: "积极推进发展方式绿色低碳转型" },
    title: "建立完善碳达峰碳中和支撑机制",
    deadline: { text: "2035年底前", date: "2035-12-31" },
  });
  expect(data[0]!.units[0]).toBe("省发改委");
  expect(data[0]!.units).toContain("国家金融监督管理总局江西监管局");
  expect(data[0]!.cities).toHaveLength(11);
  expect(data[0]!.cities[0]).toBe("南昌市");
  expect(typeof data[0]!.content).toBe("string");
});

test("GET /api/v1/tasks takes the task list's filters", async ({ request }) => {
  const { data } = await bodyOf(await request.get("/api/v1/tasks?unit=kjt&sort=deadline"), TaskListBodySchema);
  expect(data.length).toBeGreaterThan(0);
  for (const task of data) expect(task.units).toContain("省科技厅");
  const bad = await request.get("/api/v1/tasks?year=1999");
  expect(bad.status()).toBe(400);
  expect((await errorOf(bad)).message).toContain("年份应在 2024–2035 之间");
});

test("GET /api/v1/tasks/{number}, and 404 JSON for unknown or malformed numbers", async ({ request }) => {
  const task = await bodyOf(await request.get("/api/v1/tasks/42"), TaskDetailBodySchema);
  expect(task.data.number).toBe(42);
  expect(task.data.units).toContain("省自然资源厅");

  for (const path of ["/api/v1/tasks/61", "/api/v1/tasks/0", "/api/v1/tasks/abc", "/api/v1/tasks/1.5"]) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(404);
    expect((await errorOf(response)).status, path).toBe(404);
  }
});

test("GET /api/v1/units and /api/v1/indicators", async ({ request }) => {
  const units = (await bodyOf(await request.get("/api/v1/units"), UnitListBodySchema)).data;
  expect(units).toHaveLength(47);
  expect(units.filter((unit) => unit.kind === "city")).toHaveLength(11);
  expect(units.find((unit) => unit.code === "sthjt")).toMatchObject({ shortName: "省生态环境厅", kind: "province" });

  const indicators = (await bodyOf(await request.get("/api/v1/indicators"), IndicatorListBodySchema)).data;
  expect(indicators.length).toBeGreaterThanOrEqual(28);
  const pm25 = indicators.find((indicator) => indicator.name.includes("PM2.5"))!;
  expect(pm25).toMatchObject({ direction: "lower_is_better" });
  expect(pm25.targets).toEqual(expect.arrayContaining([expect.objectContaining({ year: 2027, value: 28 })]));
  expect(pm25.tasks.length).toBeGreaterThan(0);
  expect(pm25.baseline === null || typeof pm25.baseline.source === "string").toBe(true);
});

test("the OpenAPI document lists every public path", async ({ request }) => {
  const spec = await bodyOf(
    await request.get("/api/v1/openapi.json"),
    z.looseObject({ openapi: z.string(), paths: z.record(z.string(), z.unknown()) }),
  );
  expect(spec.openapi).toMatch(/^3\./);
  expect(Object.keys(spec.paths)).toEqual(
    expect.arrayContaining([
      "/api/v1/tasks",
      "/api/v1/tasks/{number}",
      "/api/v1/units",
      "/api/v1/indicators",
      "/api/v1/indicators/{code}/observations",
      "/api/v1/indicators/{code}/assessment",
      "/api/v1/progress",
      "/api/v1/tasks.xlsx",
      "/api/v1/reports/annual/{year}.docx",
    ]),
  );
});
