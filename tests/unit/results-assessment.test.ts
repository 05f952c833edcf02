import { describe, expect, it } from "vitest";
import { AUTO_METRICS, autoScore, autoScoreText, type UnitYearFacts } from "@/lib/results-assessment/auto-items";
import { DEFAULT_GRADES, gradeOf, rankChangeText, rankResults, totalOf } from "@/lib/results-assessment/grading";
import { defaultScheme, schemeSchema } from "@/lib/results-assessment/scheme";

const facts: UnitYearFacts = {
  reportsOwed: 12,
  reportsOnTime: 11,
  reportsSubmitted: 12,
  reportsComplete: 9,
  milestonesDue: 8,
  milestonesOnTime: 6,
  completionsClaimed: 4,
  completionsVerified: 1,
  indicatorsJudged: 5,
  indicatorsMet: 4,
  fundsPlanned: 800,
  fundsSpentWithinPlan: 600,
};

describe("automatic items (成效考核 formulas)", () => {
  it.each([
    ["ON_TIME_REPORTING", 10, 11, 12, 9.17],
    ["REPORT_COMPLETENESS", 5, 9, 12, 3.75],
    ["MILESTONES_ON_TIME", 15, 6, 8, 11.25],
    ["VERIFIED_COMPLETION", 10, 1, 4, 2.5],
    ["INDICATOR_TARGETS_MET", 25, 4, 5, 20],
    ["FUNDS_AS_PLANNED", 10, 600, 800, 7.5],
  ] as const)("%s: points × numerator ÷ denominator", (metric, points, numerator, denominator, score) => {
    expect(autoScore(metric, points, facts)).toEqual({
      metric,
      numerator,
      denominator,
      ratio: numerator / denominator,
      score,
      notApplicable: false,
    });
  });

  it("gives full points, marked 不涉及, to an item that does not apply (denominator 0)", () => {
    const none = { ...facts, milestonesDue: 0, milestonesOnTime: 0 };
    expect(autoScore("MILESTONES_ON_TIME", 15, none)).toMatchObject({ score: 15, ratio: 1, notApplicable: true });
    expect(autoScoreText(autoScore("MILESTONES_ON_TIME", 15, none))).toBe("不涉及，按满分计 15 分");
  });

  it("never gives more than full points or less than none", () => {
    expect(autoScore("FUNDS_AS_PLANNED", 10, { ...facts, fundsSpentWithinPlan: 900 }).score).toBe(10);
    expect(autoScore("ON_TIME_REPORTING", 10, { ...facts, reportsOnTime: 0 }).score).toBe(0);
  });

  it("states the computation in words", () => {
    expect(autoScoreText(autoScore("ON_TIME_REPORTING", 10, facts))).toBe("11 / 12 份 = 91.67% → 9.17 分");
    expect(autoScoreText(autoScore("FUNDS_AS_PLANNED", 10, facts))).toBe("600 / 800 万元 = 75% → 7.5 分");
  });

  it("covers every metric the default scheme uses", () => {
    const used = defaultScheme(2025).items.flatMap((item) => (item.metric ? [item.metric] : []));
    expect([...used].sort()).toEqual([...AUTO_METRICS].sort());
  });
});

describe("totals and grades", () => {
  it("adds bonus points up to the cap and takes deductions up to the cap, never below 0", () => {
    const items = [
      { kind: "AUTO" as const, score: 50 },
      { kind: "MANUAL" as const, score: 30.5 },
      { kind: "BONUS" as const, score: 3 },
      { kind: "BONUS" as const, score: 3 },
      { kind: "DEDUCTION" as const, score: 4 },
    ];
    expect(totalOf(items, { bonusCap: 5, deductionCap: 20 })).toEqual({ base: 80.5, bonus: 5, deduction: 4, total: 81.5 });
    expect(
      totalOf(
        [
          { kind: "MANUAL", score: 5 },
          { kind: "DEDUCTION", score: 30 },
        ],
        { bonusCap: 5, deductionCap: 20 },
      ).total,
    ).toBe(0);
    expect(
      totalOf(
        [
          { kind: "MANUAL", score: 50 },
          { kind: "DEDUCTION", score: 30 },
        ],
        { bonusCap: 5, deductionCap: 20 },
      ).total,
    ).toBe(30);
  });

  it("grades by the default thresholds, a threshold itself included", () => {
    expect([95, 90, 89.99, 80, 79.5, 60, 59.99, 0].map((total) => gradeOf(total, DEFAULT_GRADES))).toEqual([
      "优秀",
      "优秀",
      "良好",
      "良好",
      "合格",
      "合格",
      "不合格",
      "不合格",
    ]);
  });

  it("grades by configured thresholds in any order given", () => {
    const grades = [
      { grade: "合格", min: 70 },
      { grade: "优秀", min: 95 },
      { grade: "不合格", min: 0 },
    ];
    expect([96, 94, 70, 69].map((total) => gradeOf(total, grades))).toEqual(["优秀", "合格", "合格", "不合格"]);
  });
});

describe("ranks", () => {
  it("shares a rank between equal totals (1224) and reads the change against last year", () => {
    const results = [
      { unit: "南昌市", total: 88 },
      { unit: "九江市", total: 92.5 },
      { unit: "赣州市", total: 88 },
      { unit: "吉安市", total: 70 },
    ];
    const last: Record<string, number> = { 南昌市: 1, 九江市: 3, 赣州市: 2 };
    const ranked = rankResults(results, (result) => last[result.unit] ?? null);
    expect(ranked.map(({ item, rank, tied, rankChange }) => [item.unit, rank, tied, rankChange])).toEqual([
      ["九江市", 1, false, 2],
      ["南昌市", 2, true, -1],
      ["赣州市", 2, true, 0],
      ["吉安市", 4, false, null],
    ]);
    expect(ranked.map((entry) => rankChangeText(entry.rankChange))).toEqual(["↑2", "↓1", "持平", "—"]);
  });
});

describe("scheme validation", () => {
  const issues = (input: unknown) => {
    const result = schemeSchema.safeParse(input);
    return result.success ? [] : result.error.issues.map((issue) => issue.message);
  };

  it("accepts the default scheme, worth 100 base points", () => {
    expect(issues(defaultScheme(2025))).toEqual([]);
  });

  it("refuses base points that do not sum to 100, an automatic item without a formula, a repeated code and unordered grades", () => {
    const scheme = defaultScheme(2025);
    expect(issues({ ...scheme, items: scheme.items.map((item) => (item.code === "FUNDS" ? { ...item, points: 5 } : item)) })).toContain(
      "基本项目分值合计须为 100 分，现为 95 分",
    );
    expect(issues({ ...scheme, items: scheme.items.map((item) => (item.code === "FUNDS" ? { ...item, metric: null } : item)) })).toContain(
      "自动计算的项目须选择公式，其他项目不选公式",
    );
    expect(issues({ ...scheme, items: [...scheme.items, { ...scheme.items[9]!, points: 1 }] })).toContain("项目代码 PROBLEMS 重复");
    expect(
      issues({
        ...scheme,
        grades: [
          { grade: "良好", min: 80 },
          { grade: "优秀", min: 90 },
          { grade: "不合格", min: 0 },
        ],
      }),
    ).toContain("等次分数线须从高到低排列且互不相同");
    expect(
      issues({
        ...scheme,
        grades: [
          { grade: "优秀", min: 90 },
          { grade: "合格", min: 60 },
        ],
      }),
    ).toContain("最后一个等次的分数线须为 0");
  });
});
