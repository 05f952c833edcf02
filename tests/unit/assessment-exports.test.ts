import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { buildWorkbook } from "@/lib/exports/workbook";
import { assessmentResultsJson } from "@/lib/api/assessments-json";
import { AssessmentResultsBodySchema } from "@/lib/api/assessments.contract";
import { assessmentDocx } from "@/lib/results-assessment/assessment-docx";
import { assessmentSheets } from "@/lib/results-assessment/assessment-sheets";
import {
  assessmentSummary,
  assessmentTitle,
  gradeRulesText,
  ITEM_HEADERS,
  itemRow,
  RESULT_HEADERS,
  resultRow,
} from "@/lib/results-assessment/assessment-text";
import { DEFAULT_GRADES } from "@/lib/results-assessment/grading";
import type { AssessmentResultsView, ItemScoreView, ResultView, UnitRef } from "@/lib/results-assessment/results-view";

const score = (code: string, self: number | null, given: number | null): ItemScoreView => ({
  code,
  self,
  selfReason: null,
  selfEvidenceName: null,
  score: given,
  reason: null,
  computedText: null,
});

function result(unit: UnitRef, fields: Partial<ResultView> & { items: ItemScoreView[] }): ResultView {
  return {
    unit,
    stage: "CONFIRMED",
    selfScore: null,
    score: null,
    grade: null,
    rank: null,
    tied: false,
    rankChange: null,
    version: 3,
    confirmedAt: null,
    ...fields,
  };
}

const view: AssessmentResultsView = {
  year: 2025,
  scheme: {
    id: 1,
    year: 2025,
    version: 2,
    name: "2025年度美丽江西建设成效考核方案",
    lockedAt: "2026-01-05T02:00:00.000Z",
    demo: true,
    bonusCap: 5,
    deductionCap: 20,
    grades: DEFAULT_GRADES.map((grade) => ({ ...grade })),
    items: [
      { id: 11, code: "RESPONSIBILITY", name: "责任落实", kind: "MANUAL", points: 40, metric: null, description: "党政同责落实情况" },
      {
        id: 12,
        code: "ON_TIME",
        name: "按时报送率",
        kind: "AUTO",
        points: 60,
        metric: "ON_TIME_REPORTING",
        description: "按时报送的季度进展报告数 ÷ 应报送数 × 分值",
      },
      { id: 13, code: "INNOVATION", name: "改革创新", kind: "BONUS", points: 3, metric: null, description: "" },
      { id: 14, code: "PROBLEMS", name: "突出生态环境问题", kind: "DEDUCTION", points: 10, metric: null, description: "每起扣 2–10 分" },
    ],
  },
  results: [
    result(
      { code: "fgw", name: "省发改委", kind: "PROVINCIAL" },
      {
        selfScore: 95,
        score: 92,
        grade: "优秀",
        rank: 1,
        tied: true,
        rankChange: 2,
        confirmedAt: "2026-01-14T03:00:00.000Z",
        items: [score("RESPONSIBILITY", 38, 35), score("ON_TIME", 57, 57), score("INNOVATION", 0, 0), score("PROBLEMS", 0, 0)],
      },
    ),
    result(
      { code: "kjt", name: "省科技厅", kind: "PROVINCIAL" },
      {
        selfScore: 92,
        score: 92,
        grade: "优秀",
        rank: 1,
        tied: true,
        rankChange: null,
        confirmedAt: "2026-01-15T01:00:00.000Z",
        items: [score("RESPONSIBILITY", 36, 36), score("ON_TIME", 56, 56), score("INNOVATION", 0, 0), score("PROBLEMS", 0, 0)],
      },
    ),
    result(
      { code: "nanchang", name: "南昌市", kind: "CITY" },
      {
        selfScore: 90,
        score: 85.5,
        grade: "良好",
        rank: 1,
        rankChange: -1,
        items: [score("RESPONSIBILITY", 36, 33.5), score("ON_TIME", 54, 54), score("INNOVATION", 2, 1), score("PROBLEMS", 2, 3)],
      },
    ),
    result(
      { code: "jiujiang", name: "九江市", kind: "CITY" },
      {
        selfScore: 70,
        score: 61.255,
        grade: "合格",
        rank: 2,
        rankChange: 0,
        items: [score("RESPONSIBILITY", 30, 25), score("ON_TIME", 40, 36.255), score("INNOVATION", 0, 0), score("PROBLEMS", 0, 0)],
      },
    ),
    result(
      { code: "ganzhou", name: "赣州市", kind: "CITY" },
      {
        stage: "SELF_SUBMITTED",
        selfScore: 88,
        score: 40,
        items: [score("RESPONSIBILITY", 35, null), score("ON_TIME", 53, 40), score("INNOVATION", 0, null), score("PROBLEMS", 0, null)],
      },
    ),
  ],
};

describe("the results' words (page, Word and Excel)", () => {
  it("titles the 通报 and sums up who was assessed, confirmed and graded, noting example data", () => {
    expect(assessmentTitle(2025)).toBe("关于2025年度美丽江西建设成效考核结果的通报");
    const summary = assessmentSummary(view);
    expect(summary).toContain("《2025年度美丽江西建设成效考核方案》（第2版）");
    expect(summary).toContain("2个省直有关单位和3个设区市");
    expect(summary).toContain("4个单位的考核结果已确认，其中优秀2个、良好1个、合格1个、不合格0个；1个单位的考核结果尚未确认");
    expect(summary).toContain("示例数据");
    expect(assessmentSummary({ ...view, scheme: { ...view.scheme, demo: false } })).not.toContain("示例数据");
  });

  it("shows ties as 并列, the change in rank, and no score, grade or rank before a result is confirmed", () => {
    expect(RESULT_HEADERS).toEqual(["名次", "单位", "自评得分", "考核得分", "等次", "名次变化"]);
    expect(view.results.map(resultRow)).toEqual([
      ["并列第 1 名", "省发改委", "95", "92", "优秀", "↑2"],
      ["并列第 1 名", "省科技厅", "92", "92", "优秀", "—"],
      ["第 1 名", "南昌市", "90", "85.5", "良好", "↓1"],
      ["第 2 名", "九江市", "70", "61.26", "合格", "持平"],
      ["—", "赣州市", "88", "—", "未确认（待评分）", "—"],
    ]);
    const drafting = result({ code: "pingxiang", name: "萍乡市", kind: "CITY" }, { stage: "SELF_ASSESSING", selfScore: 50, items: [] });
    expect(resultRow(drafting)).toEqual(["—", "萍乡市", "—", "—", "未确认（自评中）", "—"]);
  });

  it("lists the scheme's items with their kind and the grade thresholds in words", () => {
    expect(ITEM_HEADERS).toEqual(["代码", "项目", "计分方式", "分值", "评分说明"]);
    expect(view.scheme.items.map(itemRow)).toEqual([
      ["RESPONSIBILITY", "责任落实", "评审打分", "40", "党政同责落实情况"],
      ["ON_TIME", "按时报送率", "自动计算", "60", "按时报送的季度进展报告数 ÷ 应报送数 × 分值"],
      ["INNOVATION", "改革创新", "加分项", "3", "—"],
      ["PROBLEMS", "突出生态环境问题", "扣分项", "10", "每起扣 2–10 分"],
    ]);
    expect(gradeRulesText(view.scheme)).toBe(
      "优秀（90分及以上）、良好（80分及以上、不足90分）、合格（60分及以上、不足80分）、不合格（不足60分）",
    );
  });
});

/** A sheet's rows as cell values, header row first (the preface lines above it left out). */
function tableOf(workbook: ExcelJS.Workbook, name: string, prefaceLines: number) {
  const worksheet = workbook.getWorksheet(name)!;
  const rows: unknown[][] = [];
  worksheet.eachRow((row, number) => {
    if (number > prefaceLines) rows.push(Array.from({ length: worksheet.columnCount }, (_, index) => row.getCell(index + 1).value ?? null));
  });
  return rows;
}

describe("the Excel export", () => {
  it("gives one row per unit with typed scores, rank, tie and one column per item, and the scheme", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildWorkbook(assessmentSheets(view))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(["考核结果", "考核方案"]);
    expect(workbook.getWorksheet("考核结果")!.getRow(2).getCell(1).value).toBe("《2025年度美丽江西建设成效考核方案》（第2版）（示例数据）");
    const [header, ...rows] = tableOf(workbook, "考核结果", 2);
    expect(header).toEqual([
      "单位",
      "类别",
      "阶段",
      "自评得分",
      "考核得分",
      "等次",
      "名次",
      "并列",
      "名次变化",
      "责任落实",
      "按时报送率",
      "改革创新（加分）",
      "突出生态环境问题（扣分）",
    ]);
    expect(rows).toEqual([
      ["省发改委", "省直单位", "已确认", 95, 92, "优秀", 1, "是", "↑2", 35, 57, 0, 0],
      ["省科技厅", "省直单位", "已确认", 92, 92, "优秀", 1, "是", "—", 36, 56, 0, 0],
      ["南昌市", "设区市", "已确认", 90, 85.5, "良好", 1, null, "↓1", 33.5, 54, 1, 3],
      ["九江市", "设区市", "已确认", 70, 61.255, "合格", 2, null, "持平", 25, 36.255, 0, 0],
      ["赣州市", "设区市", "待评分", 88, 40, null, null, null, null, null, 40, null, null],
    ]);
    const [schemeHeader, ...items] = tableOf(workbook, "考核方案", 4);
    expect(schemeHeader).toEqual(["代码", "项目", "计分方式", "分值", "评分说明"]);
    expect(items.map((item) => item.slice(0, 4))).toEqual([
      ["RESPONSIBILITY", "责任落实", "评审打分", 40],
      ["ON_TIME", "按时报送率", "自动计算", 60],
      ["INNOVATION", "改革创新", "加分项", 3],
      ["PROBLEMS", "突出生态环境问题", "扣分项", 10],
    ]);
    expect(workbook.getWorksheet("考核方案")!.getRow(3).getCell(1).value).toBe("加分上限 5 分，扣分上限 20 分");
  });
});

describe("GET /api/v1/assessments/{year} body", () => {
  it("maps the view to the contract: lower-case item kinds, province/city, numbers or null", () => {
    const data = assessmentResultsJson(view);
    expect(AssessmentResultsBodySchema.safeParse({ data }).success).toBe(true);
    expect(data.year).toBe(2025);
    expect(data.scheme).toEqual({
      name: "2025年度美丽江西建设成效考核方案",
      version: 2,
      items: [
        { code: "RESPONSIBILITY", name: "责任落实", points: 40, kind: "manual" },
        { code: "ON_TIME", name: "按时报送率", points: 60, kind: "auto" },
        { code: "INNOVATION", name: "改革创新", points: 3, kind: "bonus" },
        { code: "PROBLEMS", name: "突出生态环境问题", points: 10, kind: "deduction" },
      ],
      grades: [
        { grade: "优秀", min: 90 },
        { grade: "良好", min: 80 },
        { grade: "合格", min: 60 },
        { grade: "不合格", min: 0 },
      ],
      bonusCap: 5,
      deductionCap: 20,
    });
    expect(data.results.map((entry) => entry.unit.kind)).toEqual(["province", "province", "city", "city", "city"]);
    expect(data.results[0]).toEqual({
      unit: { code: "fgw", name: "省发改委", kind: "province" },
      stage: "CONFIRMED",
      selfScore: 95,
      score: 92,
      grade: "优秀",
      rank: 1,
      tied: true,
      rankChange: 2,
      items: [
        { code: "RESPONSIBILITY", self: 38, score: 35 },
        { code: "ON_TIME", self: 57, score: 57 },
        { code: "INNOVATION", self: 0, score: 0 },
        { code: "PROBLEMS", self: 0, score: 0 },
      ],
    });
    expect(data.results[4]).toMatchObject({ stage: "SELF_SUBMITTED", grade: null, rank: null, rankChange: null });
  });
});

describe("the 通报 in Word", () => {
  it("holds the title, the units' results and the sign-off of 江西省生态环境厅 on the given day", async () => {
    const buffer = await assessmentDocx(view, "2026-01-15");
    const xml = await (await JSZip.loadAsync(buffer)).file("word/document.xml")!.async("string");
    for (const text of [
      "关于2025年度美丽江西建设成效考核结果的通报",
      "一、考核总体情况",
      "二、省直有关单位考核结果",
      "三、设区市考核结果",
      "四、考核方案",
      "五、有关要求",
      "省发改委",
      "赣州市",
      "并列第 1 名",
      "突出生态环境问题",
      "30日内",
      "江西省生态环境厅",
      "2026年1月15日",
    ]) {
      expect(xml, text).toContain(text);
    }
  });
});
