import { describe, expect, it } from "vitest";
import { assessIndicator, satisfies, timeOf, trendPerYear, type Point } from "@/lib/indicators/assessment";

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
    const notMet = assessIndicator([{ year: 2035, comparator: "GTE", value: 12 }], annual([[2020, 11.46]]), 2026);
    expect(notMet.pacePerYear).toBeNull();
    expect(notMet.targets[0]).toMatchObject({ met: false, forecast: null, verdict: "AT_RISK" });
    expect(notMet.targets[0]!.requiredYearlyChange).toBeCloseTo(0.036, 3);
    const met = assessIndicator([{ year: 2035, comparator: "GTE", value: 62 }], annual([[2023, 62]]), 2026);
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
