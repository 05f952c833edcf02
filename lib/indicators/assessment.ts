/**
 * Where an indicator stands against its targets: the latest accepted value, the yearly change
 * still needed to reach each target, a forecast at the current pace (least-squares trend of the
 * last five values) and a verdict. Pure: callers pass accepted values and the current year.
 *
 * Time: an annual value counts at the end of its year (x = year); a quarterly value at the end of
 * its quarter (2026Q3 → 2025.75 + … = 2026 − 0.25). A target "by 2027" is due at x = 2027.
 *
 * Verdicts, for a target still ahead:
 *   ON_COURSE   met now and the trend keeps it met, or not met yet but the trend reaches it in time
 *   AT_RISK     met now but the trend loses it; or moving the right way too slowly; or one value only
 *   OFF_COURSE  not met and not moving towards it
 *   NO_DATA     no accepted value
 * and for a target whose year has passed: ACHIEVED or MISSED by the last value up to that year.
 */
import type { Comparator } from "./comparators";

export type Verdict = "ON_COURSE" | "AT_RISK" | "OFF_COURSE" | "NO_DATA" | "ACHIEVED" | "MISSED";

export const VERDICT_LABELS: Record<Verdict, string> = {
  ON_COURSE: "按期可达",
  AT_RISK: "存在风险",
  OFF_COURSE: "难以达标",
  NO_DATA: "暂无数据",
  ACHIEVED: "已达标",
  MISSED: "未达标",
};

/** Worst first: the order in which verdicts call for attention. */
export const VERDICT_SEVERITY: Record<Verdict, number> = { MISSED: 5, OFF_COURSE: 4, AT_RISK: 3, NO_DATA: 2, ON_COURSE: 1, ACHIEVED: 0 };

export interface Point {
  year: number;
  /** 0 for an annual value. */
  quarter: number;
  value: number;
}

export interface TargetInput {
  year: number;
  comparator: Comparator;
  value: number;
}

export interface TargetAssessment {
  target: TargetInput;
  /** Whether the latest value already satisfies the target (null without data). */
  met: boolean | null;
  /** Change per year needed from the latest value to reach the target in time (null when met or due). */
  requiredYearlyChange: number | null;
  /** Value expected in the target year at the current pace (null without a trend). */
  forecast: number | null;
  /** First year in which the current pace reaches the target, when it moves towards it. */
  crossingYear: number | null;
  verdict: Verdict;
}

export interface IndicatorAssessment {
  latest: (Point & { time: number }) | null;
  /** Trend per year of the last five values (null with fewer than two). */
  pacePerYear: number | null;
  targets: TargetAssessment[];
  /** The target that matters now: the first not yet past, else the last. */
  nextTarget: TargetInput | null;
  verdict: Verdict;
}

const EPSILON = 1e-9;
const TREND_POINTS = 5;
const HORIZON_YEAR = 2100;

export function timeOf(point: { year: number; quarter: number }): number {
  return point.quarter ? point.year - 1 + point.quarter / 4 : point.year;
}

export function satisfies(value: number, target: TargetInput): boolean {
  switch (target.comparator) {
    case "GTE":
    case "CUMULATIVE":
      return value >= target.value - EPSILON;
    case "LTE":
      return value <= target.value + EPSILON;
    case "EQ":
      return Math.abs(value - target.value) <= Math.max(Math.abs(target.value) * 0.01, EPSILON);
  }
}

/** Least-squares slope per year of the last five values; null with fewer than two distinct times. */
export function trendPerYear(points: readonly Point[]): number | null {
  const recent = [...points].sort((a, b) => timeOf(a) - timeOf(b)).slice(-TREND_POINTS);
  const xs = recent.map(timeOf);
  if (new Set(xs).size < 2) return null;
  const meanX = xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const meanY = recent.reduce((sum, point) => sum + point.value, 0) / recent.length;
  let numerator = 0;
  let denominator = 0;
  recent.forEach((point, index) => {
    numerator += (xs[index]! - meanX) * (point.value - meanY);
    denominator += (xs[index]! - meanX) ** 2;
  });
  return numerator / denominator;
}

/** Whether moving at `slope` brings `value` closer to satisfying the target. */
function movesTowards(value: number, slope: number, target: TargetInput): boolean {
  if (Math.abs(slope) < EPSILON) return false;
  switch (target.comparator) {
    case "GTE":
    case "CUMULATIVE":
      return slope > 0;
    case "LTE":
      return slope < 0;
    case "EQ":
      return Math.sign(target.value - value) === Math.sign(slope);
  }
}

function assessTarget(
  target: TargetInput,
  points: readonly Point[],
  latest: IndicatorAssessment["latest"],
  slope: number | null,
  currentYear: number,
): TargetAssessment {
  const none = { met: null, requiredYearlyChange: null, forecast: null, crossingYear: null };
  if (!latest) return { target, ...none, verdict: "NO_DATA" };

  if (target.year < currentYear) {
    const atDeadline = points
      .filter((point) => timeOf(point) <= target.year)
      .sort((a, b) => timeOf(a) - timeOf(b))
      .at(-1);
    if (!atDeadline) return { target, ...none, verdict: "NO_DATA" };
    const met = satisfies(atDeadline.value, target);
    return { target, ...none, met, verdict: met ? "ACHIEVED" : "MISSED" };
  }

  const met = satisfies(latest.value, target);
  const horizon = target.year - latest.time;
  const forecast = slope === null ? null : latest.value + slope * horizon;
  const requiredYearlyChange = met || horizon <= 0 ? null : (target.value - latest.value) / horizon;
  const towards = slope !== null && movesTowards(latest.value, slope, target);
  let crossingYear: number | null = null;
  if (!met && towards) {
    const reached = latest.time + (target.value - latest.value) / slope;
    crossingYear = reached <= HORIZON_YEAR ? Math.ceil(reached - EPSILON) : null;
  }
  let verdict: Verdict;
  if (met) verdict = forecast === null || satisfies(forecast, target) ? "ON_COURSE" : "AT_RISK";
  else if (slope === null) verdict = "AT_RISK";
  else if (forecast !== null && satisfies(forecast, target)) verdict = "ON_COURSE";
  else verdict = towards ? "AT_RISK" : "OFF_COURSE";
  return { target, met, requiredYearlyChange, forecast, crossingYear, verdict };
}

export function assessIndicator(targets: readonly TargetInput[], points: readonly Point[], currentYear: number): IndicatorAssessment {
  const sorted = [...points].sort((a, b) => timeOf(a) - timeOf(b));
  const last = sorted.at(-1);
  const latest = last ? { ...last, time: timeOf(last) } : null;
  const slope = trendPerYear(sorted);
  const ordered = [...targets].sort((a, b) => a.year - b.year);
  const assessed = ordered.map((target) => assessTarget(target, sorted, latest, slope, currentYear));
  const nextIndex = ordered.findIndex((target) => target.year >= currentYear);
  const chosen = nextIndex >= 0 ? nextIndex : assessed.length - 1;
  return {
    latest,
    pacePerYear: slope,
    targets: assessed,
    nextTarget: ordered[chosen] ?? null,
    verdict: assessed[chosen]?.verdict ?? "NO_DATA",
  };
}
