/**
 * The yearly progress evaluation (进展评估) against a real database: freezing a year stores the
 * figures the dashboards' rules give on the chosen day, for every indicator, task, section, unit
 * and city; the frozen year reads the same after the data change (a recompute would not); a second
 * freeze, a future day or a day before the year are refused in Chinese and change nothing; the
 * Word and Excel exports hold the frozen figures, for the reviewer and leaders only.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { AppError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { computeEvaluation, freezeEvaluation, getEvaluation, listEvaluations } from "@/lib/evaluation/evaluation";
import { freezeEvaluationSchema } from "@/lib/evaluation/schemas";
import { seededPrisma } from "../support/database";
import { signInAs, signOut } from "../support/session";

vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: (await import("../support/session")).getFakeServerSession,
}));

const db = seededPrisma();
const YEAR = 2024;
const AS_OF = "2025-01-10";
const SOURCE = "进展评估集成测试";

let reviewer: SessionUser;
beforeAll(async () => {
  const row = await db.user.findUniqueOrThrow({ where: { username: "reviewer" }, select: { id: true } });
  reviewer = (await findActiveSessionUser(row.id))!;
  await db.progressEvaluation.deleteMany({ where: { year: YEAR } });
});
afterAll(async () => {
  await db.indicatorObservation.deleteMany({ where: { source: SOURCE } });
  await db.progressEvaluation.deleteMany({ where: { year: YEAR } });
  await db.$disconnect();
});

const input = (raw: Record<string, string>) => freezeEvaluationSchema.parse(raw);
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("freezing a year", () => {
  it("refuses a day in the future or before the year, in Chinese, storing nothing", async () => {
    const future = await refusal(freezeEvaluation(input({ year: String(YEAR), asOf: "2099-01-01" }), reviewer));
    expect(future.status).toBe(400);
    expect(future.fieldErrors.asOf).toEqual(["评估日期不能晚于今天"]);
    const early = await refusal(freezeEvaluation(input({ year: String(YEAR), asOf: "2023-12-31" }), reviewer));
    expect(early.fieldErrors.asOf).toEqual([`评估日期不能早于${YEAR}年1月1日`]);
    expect(freezeEvaluationSchema.safeParse({ year: "2024", asOf: "2025-02-30" }).success).toBe(false);
    expect(await getEvaluation(YEAR)).toBeNull();
  });

  it("stores every indicator, task, section, unit and city as the rules give them on the day, and audits it", async () => {
    const computed = await computeEvaluation(YEAR, AS_OF);
    const frozen = await freezeEvaluation(input({ year: String(YEAR), asOf: AS_OF }), reviewer);
    expect(frozen).toMatchObject({ year: YEAR, asOf: AS_OF, frozenBy: reviewer.displayName });
    expect(frozen.content).toEqual(computed);
    expect(frozen.content.indicators).toHaveLength(await db.indicator.count());
    expect(frozen.content.tasks.total).toBe(60);
    expect(Object.values(frozen.content.tasks.byStatus).reduce((sum, count) => sum + count, 0)).toBe(60);
    expect(frozen.content.sections.map((section) => section.number)).toEqual([1, 2, 3, 4, 5]);
    expect(frozen.content.sections.reduce((sum, section) => sum + section.tasks, 0)).toBe(60);
    expect(frozen.content.units).toHaveLength(await db.unit.count());
    expect(frozen.content.units.filter((unit) => unit.kind === "CITY").map((unit) => unit.name)).toContain("赣州市");
    // Every unit carries tasks: its tally is read from the day's status snapshot.
    const assignments = await db.taskUnit.count();
    expect(frozen.content.units.reduce((sum, unit) => sum + unit.assignments, 0)).toBe(assignments);
    const audit = await db.auditLog.findFirst({ where: { action: "evaluation.freeze", entityId: String(YEAR) }, orderBy: { id: "desc" } });
    expect(audit?.actorId).toBe(reviewer.id);
    expect((await listEvaluations()).map((evaluation) => evaluation.year)).toContain(YEAR);
  });

  it("reads the same after the data change, while a recompute of the day would not", async () => {
    const before = (await getEvaluation(YEAR))!;
    const noData = before.content.indicators.find((indicator) => indicator.verdict === "NO_DATA");
    expect(noData, "a seeded indicator without values in 2024").toBeDefined();
    const indicator = await db.indicator.findUniqueOrThrow({ where: { code: noData!.code }, select: { id: true } });
    // A value accepted before the evaluation day, recorded late.
    await db.indicatorObservation.create({
      data: {
        indicatorId: indicator.id,
        year: YEAR,
        value: 1,
        source: SOURCE,
        status: "ACCEPTED",
        reviewedAt: new Date("2025-01-05T02:00:00Z"),
      },
    });
    const recomputed = await computeEvaluation(YEAR, AS_OF);
    expect(recomputed.indicators.find((row) => row.code === noData!.code)?.verdict).not.toBe("NO_DATA");
    const after = (await getEvaluation(YEAR))!;
    expect(after.content).toEqual(before.content);
    expect(after.content.indicators.find((row) => row.code === noData!.code)?.verdict).toBe("NO_DATA");
  });

  it("refuses a second freeze of the year with 409, keeping the first", async () => {
    const before = (await getEvaluation(YEAR))!;
    const again = await refusal(freezeEvaluation(input({ year: String(YEAR), asOf: chinaToday() }), reviewer));
    expect(again.status).toBe(409);
    expect(again.message).toBe(`${YEAR}年度进展评估已冻结，不能再次冻结`);
    expect((await getEvaluation(YEAR))!.asOf).toBe(before.asOf);
  });
});

describe("exports", () => {
  const call = async (file: "docx" | "xlsx", year: number) => {
    const route =
      file === "docx" ? await import("@/app/api/evaluations/[year]/docx/route") : await import("@/app/api/evaluations/[year]/xlsx/route");
    return route.GET(new Request(`http://localhost:3000/api/evaluations/${year}/${file}`), {
      params: Promise.resolve({ year: String(year) }),
    });
  };

  it("gives leaders the Word document in the official layout with the frozen figures", async () => {
    await signInAs(db, "leader");
    const response = await call("docx", YEAR);
    expect(response.status).toBe(200);
    const xml = await (await JSZip.loadAsync(Buffer.from(await response.arrayBuffer()))).file("word/document.xml")!.async("string");
    const text = xml.replace(/<[^>]+>/g, "");
    expect(text).toContain(`美丽江西建设${YEAR}年度进展评估报告`);
    expect(text).toContain("截至2025年1月10日");
    expect(text).toContain("赣州市");
    expect(text).toContain("江西省生态环境厅");
    expect(text).toContain("进展评估不排名");
    expect(text).not.toMatch(/第\s*\d+\s*名/);
  });

  it("gives the reviewer the Excel workbook: indicators, sections, provincial units, cities", async () => {
    await signInAs(db, "reviewer");
    const response = await call("xlsx", YEAR);
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["目标指标", "篇章", "省直单位", "设区市"]);
    const cities = workbook.getWorksheet("设区市")!;
    const names: string[] = [];
    cities.eachRow((row) => names.push(row.getCell(1).text));
    expect(names).toContain("南昌市");
    expect(names).toContain("上饶市");
  });

  it("refuses staff (403), a year not frozen (404, in Chinese) and the signed-out (401)", async () => {
    await signInAs(db, "shangrao");
    expect((await call("docx", YEAR)).status).toBe(403);
    await signInAs(db, "reviewer");
    const missing = await call("xlsx", 2030);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toBe("该年度进展评估尚未冻结");
    signOut();
    expect((await call("docx", YEAR)).status).toBe(401);
  });
});
