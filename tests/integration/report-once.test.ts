/**
 * 报一次 against a real database: an accepted report's figures become the indicator's accepted
 * values for the reporting unit's area and period; a second, different value for the same key is
 * put to the reviewer instead of overwriting; the data-quality rules refuse impossible values and
 * flag far jumps; each unit is asked only for the figures that are its own, named for its area.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findActiveSessionUser, type SessionUser } from "@/lib/auth/accounts";
import { saveReport } from "@/lib/reports/save-report";
import { getReportForm } from "@/lib/reports/read-reports";
import { reviewReports } from "@/lib/review/review-reports";
import { decideConflict, listConflicts } from "@/lib/indicators/observation-conflicts";
import { getIndicatorAssessment, submitObservation } from "@/lib/indicators/observations";
import { UserFacingError } from "@/lib/core/errors";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import { observationSchema } from "@/lib/indicators/schemas";
import { parseQuarter } from "@/lib/core/quarters";
import { applyProgressImport, previewProgressImport, progressTemplate } from "@/lib/imports/progress-import";
import ExcelJS from "exceljs";
import { seededPrisma } from "../support/database";

const db = seededPrisma();
afterAll(() => db.$disconnect());

const TODAY = "2026-12-02";
const users: Record<string, SessionUser> = {};
beforeAll(async () => {
  for (const username of ["nanchang", "ganzhou", "jiujiang", "lyj", "zjt", "sthjt", "reviewer"]) {
    const row = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
    users[username] = (await findActiveSessionUser(row.id))!;
  }
});

async function submit(username: string, taskNumber: number, figures: Record<string, string>) {
  const input = saveReportSchema.parse({
    taskNumber: String(taskNumber),
    quarter: "2026Q4",
    version: "0",
    intent: "submit",
    progressState: "ON_TRACK",
    percent: "70",
    progress: "本季度按计划推进。",
    ...figures,
  });
  return saveReport(input, users[username]!, TODAY);
}

async function accept(ref: { id: number; version: number }) {
  await reviewReports(reviewSchema.parse({ reports: `${ref.id}:${ref.version}`, decision: "accept" }), users.reviewer!);
}

const observation = (code: string, area: string, year: number) =>
  db.indicatorObservation.findFirst({ where: { indicator: { code }, area, year, quarter: 0 } });

async function refusal(promise: Promise<unknown>): Promise<UserFacingError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return error as UserFacingError;
}

describe("an accepted report's figures are indicator values", () => {
  it("makes 南昌市's PM2.5 of 30.2 for 2026 its accepted value, traced to the report, with no second entry", async () => {
    const report = await submit("nanchang", 19, {
      "figure.PM25.value": "30.2",
      "figure.PM25.period": "2026",
      "figure.PM25.note": "市监测站",
    });
    expect(await observation("PM25", "nanchang", 2026)).toBeNull();
    await accept(report);

    const stored = await observation("PM25", "nanchang", 2026);
    expect(stored).toMatchObject({
      status: "ACCEPTED",
      demo: false,
      sourceReportId: report.id,
      note: "市监测站",
      reviewedById: users.reviewer!.id,
    });
    expect(Number(stored!.value)).toBe(30.2);
    expect(stored!.source).toBe("南昌市2026年第四季度进展报告（任务 19）");
    expect(stored!.enteredById).toBe(users.nanchang!.id);
    expect(await db.indicatorObservation.count({ where: { indicator: { code: "PM25" }, area: "nanchang", year: 2026 } })).toBe(1);
    const audit = await db.auditLog.findFirst({ where: { action: "observation.accept_from_report", entityId: "PM25/nanchang/2026" } });
    expect(audit?.actorId).toBe(users.reviewer!.id);

    // What the indicator page, the city comparison and the dashboard read.
    const assessment = await getIndicatorAssessment("PM25", 2026);
    const nanchang = assessment!.cities.find((city) => city.area === "nanchang")!;
    expect(nanchang.assessment.latest).toMatchObject({ year: 2026, value: 30.2 });
  });

  it("gives the province's value from the owning unit's report, and none from another provincial unit", async () => {
    const owner = await submit("sthjt", 20, { "figure.PM25.value": "29.6", "figure.PM25.period": "2026" });
    await accept(owner);
    expect(Number((await observation("PM25", "province", 2026))!.value)).toBe(29.6);

    const before = await db.progressReport.count();
    const error = await refusal(submit("zjt", 19, { "figure.PM25.value": "31", "figure.PM25.period": "2026" }));
    expect(error.message).toBe("“全省细颗粒物（PM2.5）平均浓度”的全省数值由省生态环境厅填报，本单位无需填写");
    expect(error.fieldErrors["figure.PM25.value"]).toEqual(["由省生态环境厅填报"]);
    expect(await db.progressReport.count()).toBe(before);
  });

  it("puts a second, different value for the same area and period to the reviewer, who decides which stands", async () => {
    await accept(await submit("ganzhou", 19, { "figure.PM25.value": "28", "figure.PM25.period": "2026" }));
    const second = await submit("ganzhou", 20, { "figure.PM25.value": "27.5", "figure.PM25.period": "2026", "figure.PM25.note": "复核后" });
    await accept(second);

    // The standing value keeps counting until the reviewer decides.
    expect(Number((await observation("PM25", "ganzhou", 2026))!.value)).toBe(28);
    const { open } = await listConflicts({ indicatorCode: "PM25" });
    const conflict = open.find((row) => row.report.id === second.id)!;
    expect(conflict).toMatchObject({ areaName: "赣州市", status: "OPEN" });
    expect([Number(conflict.standingValue), Number(conflict.reportedValue)]).toEqual([28, 27.5]);

    const message = await decideConflict({ conflictId: conflict.id, decision: "replace", reason: "以复核数据为准" }, users.reviewer!);
    expect(message).toBe("已采用报告数值 27.5 微克/立方米。");
    const stored = await observation("PM25", "ganzhou", 2026);
    expect(Number(stored!.value)).toBe(27.5);
    expect(stored).toMatchObject({ sourceReportId: second.id, note: "复核后" });
    // Both values and the decision stay on record.
    const decided = await db.observationConflict.findUniqueOrThrow({ where: { id: conflict.id } });
    expect(decided).toMatchObject({ status: "REPLACED", decidedById: users.reviewer!.id, reason: "以复核数据为准" });
    expect(Number(decided.standingValue)).toBe(28);
    const audit = await db.auditLog.findFirst({ where: { action: "observation.conflict_replace", entityId: "PM25/ganzhou/2026" } });
    expect(audit?.before).toMatchObject({ value: "28" });

    // Decided once: a second decision (another reviewer's click) changes nothing.
    const again = await refusal(decideConflict({ conflictId: conflict.id, decision: "keep", reason: "" }, users.reviewer!));
    expect(again.message).toBe("该数值冲突已由他人处理，请刷新页面查看结果");
    expect(Number((await observation("PM25", "ganzhou", 2026))!.value)).toBe(27.5);
  });

  it("lets only the reviewer decide", async () => {
    const error = await refusal(decideConflict({ conflictId: 1, decision: "keep", reason: "" }, users.nanchang!));
    expect(error.message).toBe("只有审核人可以处理数值冲突");
  });
});

describe("data-quality rules at entry", () => {
  it("refuses a forest coverage of 163 % in a report and on the observation form, storing nothing", async () => {
    const reports = await db.progressReport.count();
    const error = await refusal(submit("lyj", 39, { "figure.FOREST_COVERAGE.value": "163", "figure.FOREST_COVERAGE.period": "2026" }));
    expect(error.fieldErrors["figure.FOREST_COVERAGE.value"]).toEqual(["比例应在 0%–100% 之间，163% 不可能"]);
    expect(await db.progressReport.count()).toBe(reports);

    const observations = await db.indicatorObservation.count();
    const input = observationSchema.parse({
      indicatorCode: "FOREST_COVERAGE",
      area: "province",
      period: "2026",
      value: "163",
      source: "林业统计",
    });
    const direct = await refusal(submitObservation(input, users.lyj!));
    expect(direct.fieldErrors.value).toEqual(["比例应在 0%–100% 之间，163% 不可能"]);
    expect(await db.indicatorObservation.count()).toBe(observations);
  });

  it("allows a far jump from the last accepted value with a warning kept for the reviewer", async () => {
    const report = await submit("lyj", 39, { "figure.FOREST_COVERAGE.value": "40", "figure.FOREST_COVERAGE.period": "2026" });
    const figure = await db.reportFigure.findFirstOrThrow({ where: { reportId: report.id } });
    expect(figure.warning).toMatch(/^与已通过的 \d{4}年 数值 [\d.]+% 相比下降 [\d.]+ 个百分点，请核实；审核人将看到此提示$/);
    await accept(report);
    expect((await observation("FOREST_COVERAGE", "province", 2026))!.warning).toBe(figure.warning);
  });
});

describe("the report form asks each unit for its own figures only", () => {
  it("names a city's figure for the city and leaves out what the owning unit reports", async () => {
    const quarter = parseQuarter("2026Q4")!;
    const city = await getReportForm(users.jiujiang!, 19, quarter, TODAY);
    expect(city.task.indicators.map(({ indicator }) => indicator.name)).toContain("九江市细颗粒物（PM2.5）平均浓度");
    const owner = await getReportForm(users.sthjt!, 19, quarter, TODAY);
    expect(owner.task.indicators.map(({ indicator }) => indicator.name)).toContain("全省细颗粒物（PM2.5）平均浓度");
    const other = await getReportForm(users.zjt!, 19, quarter, TODAY);
    expect(other.task.indicators.map(({ indicator }) => indicator.code)).not.toContain("PM25");
  });
});

describe("the Excel progress template carries the figures", () => {
  const quarter = { year: 2026, quarter: 4 } as const;

  async function filledTemplate(username: string, fill: (sheet: ExcelJS.Worksheet, rowOf: (task: number) => ExcelJS.Row) => void) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await progressTemplate(users[username]!, quarter, TODAY)) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("进展填报")!;
    const rowOf = (task: number) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === task) found = row;
      });
      return found!;
    };
    fill(sheet, rowOf);
    return new File([Buffer.from(await workbook.xlsx.writeBuffer())], "进展.xlsx");
  }
  const column = (sheet: ExcelJS.Worksheet, header: string) => {
    let index = 0;
    sheet.getRow(3).eachCell((cell, number) => {
      if (cell.value === header) index = number;
    });
    return index;
  };

  it("names each row's indicator for the area, offers the periods, and imports the figure like a typed one", async () => {
    const file = await filledTemplate("jiujiang", (sheet, rowOf) => {
      const row = rowOf(19);
      expect(row.getCell(column(sheet, "指标1")).value).toBe("九江市细颗粒物（PM2.5）平均浓度（微克/立方米）");
      const value = row.getCell(column(sheet, "指标1数值"));
      expect(value.dataValidation).toMatchObject({ type: "decimal", operator: "greaterThanOrEqual" });
      expect(row.getCell(column(sheet, "指标1所属期间")).dataValidation.formulae).toEqual(['"2026,2026Q1,2026Q2,2026Q3,2026Q4,2025"']);
      row.getCell(column(sheet, "进展状态")).value = "按计划推进";
      row.getCell(column(sheet, "完成百分比（0–100）")).value = 60;
      row.getCell(column(sheet, "工作进展（必填）")).value = "开展大气污染防治攻坚。";
      value.value = 31.4;
      row.getCell(column(sheet, "指标1所属期间")).value = "2026";
      row.getCell(column(sheet, "指标1说明")).value = "市监测站";
    });
    const preview = await previewProgressImport(file, users.jiujiang!, TODAY);
    expect(preview.rows.flatMap((row) => row.errors)).toEqual([]);
    expect(await applyProgressImport(preview.batchId!, users.jiujiang!, TODAY)).toBe(1);
    const report = await db.progressReport.findFirstOrThrow({
      where: { task: { number: 19 }, unit: { code: "jiujiang" }, year: 2026, quarter: 4 },
      select: { id: true, version: true, status: true, figures: { select: { value: true, period: true, note: true } } },
    });
    expect(report.status).toBe("DRAFT");
    expect(report.figures.map((figure) => [Number(figure.value), figure.period, figure.note])).toEqual([[31.4, "2026", "市监测站"]]);
  });

  it("refuses an impossible figure as a cell error and keeps nothing", async () => {
    const batches = await db.importBatch.count();
    const file = await filledTemplate("jiujiang", (sheet, rowOf) => {
      const row = rowOf(22);
      expect(row.getCell(column(sheet, "指标1")).value).toBe("九江市地表水水质优良比例（%）");
      row.getCell(column(sheet, "进展状态")).value = "按计划推进";
      row.getCell(column(sheet, "完成百分比（0–100）")).value = 50;
      row.getCell(column(sheet, "工作进展（必填）")).value = "推进水污染防治。";
      row.getCell(column(sheet, "指标1数值")).value = 163;
    });
    const preview = await previewProgressImport(file, users.jiujiang!, TODAY);
    expect(preview.batchId).toBeNull();
    expect(preview.rows.find((row) => row.taskNumber === 22)!.errors).toEqual([
      { column: "指标1数值", message: "比例应在 0%–100% 之间，163% 不可能" },
    ]);
    expect(await db.importBatch.count()).toBe(batches);
  });
});
