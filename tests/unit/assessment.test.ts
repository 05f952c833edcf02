import { describe, expect, it } from "vitest";
import {
  assessIndicator,
  satisfies,
  timeOf,
  trendPerYear,
  VERDICT_LABELS,
  VERDICT_SEVERITY,
  type Point,
} from "@/lib/indicators/assessment";
import { indicatorChartData, paceLine } from "@/lib/indicators/chart-data";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import { valueRuleOf } from "@/lib/indicators/quality-rules";

const annual = (pairs: [number, number][]): Point[] => pairs.map(([year, value]) => ({ year, quarter: 0, value }));
const PM25_TARGETS = [
  { year: 2027, comparator: "LTE" as const, value: 28 },
  { year: 2035, comparator: "LTE" as const, value: 25 },
];

describe("time and comparison", () => {
  it("places annual values at the end of their year and quarterly values at the end of their quarter", () => {
    expect(timeOf({ year: 2024, quarter: 0 })).toBe(2024);
    expect(timeOf({ year: 2026, quarter: 3 })).toBe(2025.75);
    expect(timeOf({ year: 2026, quarter: 4 })).toBe(2026);
  });

  it("distinguishes ≥, ≤, = and cumulative targets", () => {
    expect(satisfies(28, { year: 2027, comparator: "LTE", value: 28 })).toBe(true);
    expect(satisfies(28.1, { year: 2027, comparator: "LTE", value: 28 })).toBe(false);
    expect(satisfies(95, { year: 2027, comparator: "GTE", value: 95 })).toBe(true);
    expect(satisfies(97, { year: 2027, comparator: "EQ", value: 95 })).toBe(false);
    expect(satisfies(95.5, { year: 2027, comparator: "EQ", value: 95 })).toBe(true);
    expect(satisfies(40, { year: 2027, comparator: "CUMULATIVE", value: 40 })).toBe(true);
  });

  it("needs two distinct times for a trend", () => {
    expect(trendPerYear(annual([[2024, 27]]))).toBeNull();
    expect(
      trendPerYear(
        annual([
          [2022, 10],
          [2024, 14],
        ]),
      ),
    ).toBeCloseTo(2);
  });
});

describe("assessing an indicator", () => {
  it("lower is better: Jiangxi's PM2.5 (29, 27, 29, 27, 27.4) is on course for 28 by 2027 and 25 by 2035", () => {
    const result = assessIndicator(
      PM25_TARGETS,
      annual([
        [2021, 29],
        [2022, 27],
        [2023, 29],
        [2024, 27],
        [2025, 27.4],
      ]),
      2026,
    );
    expect(result.latest).toMatchObject({ year: 2025, value: 27.4 });
    expect(result.pacePerYear).toBeCloseTo(-0.32, 2);
    const [by2027, by2035] = result.targets;
    expect(by2027).toMatchObject({ met: true, requiredYearlyChange: null, verdict: "ON_COURSE" });
    expect(by2035!.met).toBe(false);
    expect(by2035!.requiredYearlyChange).toBeCloseTo(-0.24, 2);
    expect(by2035!.forecast).toBeCloseTo(24.2, 1);
    expect(by2035!.verdict).toBe("ON_COURSE");
    expect(by2035!.crossingYear).toBe(2033);
    expect(result.verdict).toBe("ON_COURSE");
    expect(result.nextTarget).toMatchObject({ year: 2027 });
  });

  it("lower is better and rising: off course, with no crossing year", () => {
    const result = assessIndicator(
      PM25_TARGETS,
      annual([
        [2023, 29],
        [2024, 30],
        [2025, 31],
      ]),
      2026,
    );
    expect(result.targets[0]).toMatchObject({ met: false, verdict: "OFF_COURSE", crossingYear: null });
    expect(result.targets[0]!.requiredYearlyChange).toBeCloseTo(-1.5);
  });

  it("a target already met but slipping is at risk", () => {
    const result = assessIndicator(
      [{ year: 2027, comparator: "GTE", value: 95 }],
      annual([
        [2023, 99],
        [2024, 97.5],
        [2025, 96],
      ]),
      2026,
    );
    expect(result.targets[0]).toMatchObject({ met: true, verdict: "AT_RISK" });
    expect(result.targets[0]!.forecast).toBeCloseTo(93);
  });

  it("moving the right way too slowly is at risk, and says when the pace would get there", () => {
    const result = assessIndicator(
      [{ year: 2027, comparator: "GTE", value: 45 }],
      annual([
        [2024, 30],
        [2025, 33],
      ]),
      2026,
    );
    expect(result.targets[0]).toMatchObject({ met: false, verdict: "AT_RISK", crossingYear: 2029 });
    expect(result.targets[0]!.requiredYearlyChange).toBeCloseTo(6);
    expect(result.targets[0]!.forecast).toBeCloseTo(39);
  });

  it("one value only: no pace, no forecast, at risk unless already met", () => {
    const notMet = assessIndicator([{ year: 2035, comparator: "GTE", value: 12 }], annual([[2024, 11.46]]), 2026);
    expect(notMet.pacePerYear).toBeNull();
    expect(notMet.targets[0]).toMatchObject({ met: false, forecast: null, verdict: "AT_RISK" });
    expect(notMet.targets[0]!.requiredYearlyChange).toBeCloseTo(0.0491, 3);
    const met = assessIndicator([{ year: 2035, comparator: "GTE", value: 62 }], annual([[2024, 62]]), 2026);
    expect(met.targets[0]).toMatchObject({ met: true, verdict: "ON_COURSE" });
  });

  it("cumulative targets compare running totals: 28 → 31 demonstration zones against 40 by 2027", () => {
    const result = assessIndicator(
      [{ year: 2027, comparator: "CUMULATIVE", value: 40 }],
      annual([
        [2024, 28],
        [2025, 31],
      ]),
      2026,
    );
    expect(result.targets[0]).toMatchObject({ met: false, verdict: "AT_RISK", crossingYear: 2028 });
    expect(result.targets[0]!.requiredYearlyChange).toBeCloseTo(4.5);
  });

  it("'=' is met only within 1 % of the value: a pace that passes through it and overshoots is at risk", () => {
    const equal = [{ year: 2030, comparator: "EQ" as const, value: 100 }];
    expect(
      assessIndicator(
        equal,
        annual([
          [2024, 120],
          [2025, 110],
        ]),
        2026,
      ).targets[0],
    ).toMatchObject({ verdict: "AT_RISK", crossingYear: 2026 });
    expect(
      assessIndicator(
        equal,
        annual([
          [2024, 100.5],
          [2025, 100.4],
        ]),
        2026,
      ).targets[0],
    ).toMatchObject({ met: true, verdict: "ON_COURSE" });
    expect(
      assessIndicator(
        equal,
        annual([
          [2024, 90],
          [2025, 80],
        ]),
        2026,
      ).targets[0],
    ).toMatchObject({ verdict: "OFF_COURSE" });
  });

  it("judges a past target by the last value up to its year", () => {
    const capacity = [
      { year: 2025, comparator: "GTE" as const, value: 3220 },
      { year: 2026, comparator: "GTE" as const, value: 3400 },
    ];
    const result = assessIndicator(
      capacity,
      annual([
        [2020, 1366],
        [2025, 3300],
      ]),
      2026,
    );
    expect(result.targets[0]).toMatchObject({ verdict: "ACHIEVED", met: true });
    expect(result.nextTarget).toMatchObject({ year: 2026 });
    expect(
      assessIndicator(
        capacity,
        annual([
          [2020, 1366],
          [2025, 3000],
        ]),
        2027,
      ).targets[0]!.verdict,
    ).toBe("MISSED");
  });

  it("uses quarterly values at their place in time", () => {
    const result = assessIndicator(
      [{ year: 2026, comparator: "GTE", value: 100 }],
      [
        { year: 2026, quarter: 1, value: 70 },
        { year: 2026, quarter: 2, value: 80 },
      ],
      2026,
    );
    expect(result.pacePerYear).toBeCloseTo(40);
    expect(result.targets[0]!.forecast).toBeCloseTo(100);
    expect(result.targets[0]!.verdict).toBe("ON_COURSE");
  });

  it("says NO_DATA without any accepted value", () => {
    expect(assessIndicator(PM25_TARGETS, [], 2026)).toMatchObject({ latest: null, verdict: "NO_DATA" });
  });
});

const CAPACITY_TARGETS = [
  { year: 2025, comparator: "GTE" as const, value: 3220 },
  { year: 2026, comparator: "GTE" as const, value: 3400 },
];

describe("honest headline verdicts", () => {
  it("a target whose year passed unmet makes the headline 未达标 even while the next target is merely at risk", () => {
    const result = assessIndicator(
      CAPACITY_TARGETS,
      annual([
        [2024, 2900],
        [2025, 3100],
      ]),
      2026,
    );
    expect(result.targets.map((item) => item.verdict)).toEqual(["MISSED", "AT_RISK"]);
    expect(result.nextTarget).toMatchObject({ year: 2026 });
    expect(result.verdict).toBe("MISSED");
    expect(VERDICT_LABELS[result.verdict]).toBe("未达标");
  });

  it("a past target that was met leaves the headline to the next target", () => {
    const result = assessIndicator(
      CAPACITY_TARGETS,
      annual([
        [2024, 3000],
        [2025, 3300],
      ]),
      2026,
    );
    expect(result.targets[0]!.verdict).toBe("ACHIEVED");
    expect(result.verdict).toBe(result.targets[1]!.verdict);
    expect(result.verdict).not.toBe("MISSED");
  });

  it("the demo's 新能源装机容量 (1366 in 2020 only) reads 未达标 for 2025 and in the headline, 数据过旧 for 2026", () => {
    const result = assessIndicator(CAPACITY_TARGETS, annual([[2020, 1366]]), 2026);
    expect(result.targets.map((item) => item.verdict)).toEqual(["MISSED", "STALE"]);
    expect(result.verdict).toBe("MISSED");
  });
});

describe("stale data", () => {
  const targets = [{ year: 2027, comparator: "GTE" as const, value: 95 }];

  it("a latest value more than two years old reads 数据过旧 and nothing is projected from it", () => {
    const result = assessIndicator(
      targets,
      annual([
        [2021, 90],
        [2023, 94],
      ]),
      2026,
    );
    expect(result.stale).toBe(true);
    expect(result.verdict).toBe("STALE");
    expect(VERDICT_LABELS.STALE).toBe("数据过旧");
    expect(result.targets[0]).toMatchObject({
      met: false,
      forecast: null,
      requiredYearlyChange: null,
      crossingYear: null,
      verdict: "STALE",
    });
    const chart = indicatorChartData(
      annual([
        [2021, 90],
        [2023, 94],
      ]),
      result,
      COMPARATOR_SYMBOLS,
    );
    expect(chart.forecast).toEqual([]);
    expect(chart.required).toEqual([]);
    expect(chart.observed).toHaveLength(2);
  });

  it("a value exactly two years old is still projected", () => {
    const result = assessIndicator(
      targets,
      annual([
        [2022, 90],
        [2024, 94],
      ]),
      2026,
    );
    expect(result.stale).toBe(false);
    expect(result.targets[0]!.verdict).toBe("ON_COURSE");
    expect(result.targets[0]!.forecast).toBeCloseTo(100);
  });

  it("orders verdicts for attention: 未达标 first, 数据过旧 between 存在风险 and 暂无数据", () => {
    expect(VERDICT_SEVERITY.MISSED).toBeGreaterThan(VERDICT_SEVERITY.OFF_COURSE);
    expect(VERDICT_SEVERITY.AT_RISK).toBeGreaterThan(VERDICT_SEVERITY.STALE);
    expect(VERDICT_SEVERITY.STALE).toBeGreaterThan(VERDICT_SEVERITY.NO_DATA);
    expect(VERDICT_SEVERITY.ON_COURSE).toBeGreaterThan(VERDICT_SEVERITY.ACHIEVED);
  });
});

describe("projections stay inside the possible range", () => {
  const share = valueRuleOf({ measureUnit: "%", name: "全省地表水水质优良比例", comparators: ["GTE"] });
  const water = annual([
    [2023, 97],
    [2024, 97.7],
    [2025, 97.7],
  ]);

  it("the water-quality pace line (97, 97.7, 97.7) levels off at 100 % instead of running to 101 %", () => {
    const result = assessIndicator([{ year: 2027, comparator: "GTE", value: 95 }], water, 2026, share);
    const unbounded = indicatorChartData(
      water,
      assessIndicator([{ year: 2027, comparator: "GTE", value: 95 }], water, 2026),
      COMPARATOR_SYMBOLS,
    );
    expect(Math.max(...unbounded.forecast.map((point) => point.y))).toBeGreaterThan(100);
    const chart = indicatorChartData(water, result, COMPARATOR_SYMBOLS);
    expect(Math.max(...chart.forecast.map((point) => point.y))).toBe(100);
    expect(chart.forecast.at(-1)).toEqual({ x: 2035, y: 100 });
    // It rises at the same pace until it meets 100 %: 97.7 + 0.35 × (x − 2025) = 100 at x ≈ 2031.57.
    expect(chart.forecast[1]!.x).toBeCloseTo(2025 + 2.3 / 0.35, 2);
  });

  it("a share's forecast for a target year is at most 100 %", () => {
    const result = assessIndicator(
      [{ year: 2035, comparator: "GTE", value: 99 }],
      annual([
        [2024, 90],
        [2025, 95],
      ]),
      2026,
      share,
    );
    expect(result.targets[0]!.forecast).toBe(100);
    expect(result.targets[0]!.verdict).toBe("ON_COURSE");
    expect(result.targets[0]!.crossingYear).toBe(2026);
  });

  it("a falling concentration is never projected below zero", () => {
    const result = assessIndicator(
      PM25_TARGETS,
      annual([
        [2024, 30],
        [2025, 20],
      ]),
      2026,
      valueRuleOf({ measureUnit: "微克/立方米", name: "PM2.5", comparators: ["LTE"] }),
    );
    expect(result.targets[1]!.forecast).toBe(0);
    const chart = indicatorChartData(
      annual([
        [2024, 30],
        [2025, 20],
      ]),
      result,
      COMPARATOR_SYMBOLS,
    );
    expect(Math.min(...chart.forecast.map((point) => point.y))).toBe(0);
    expect(chart.forecast[1]).toEqual({ x: 2027, y: 0 });
  });

  it("a running total is never projected below its latest value", () => {
    const result = assessIndicator(
      [{ year: 2027, comparator: "CUMULATIVE", value: 40 }],
      annual([
        [2024, 31],
        [2025, 28],
      ]),
      2026,
      valueRuleOf({ measureUnit: "个", name: "国家生态文明建设示范区（累计）", comparators: ["CUMULATIVE"] }),
    );
    expect(result.range.min).toBe(28);
    expect(result.targets[0]!.forecast).toBe(28);
    expect(result.targets[0]!.verdict).toBe("OFF_COURSE");
  });

  it("the pace line inside the range is one straight segment", () => {
    expect(paceLine({ x: 2025, y: 50 }, 1, 2035, { min: 0, max: 100 })).toEqual([
      { x: 2025, y: 50 },
      { x: 2035, y: 60 },
    ]);
  });
});
