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
 *   STALE       the latest value is more than two years old: nothing is projected from it
 *   NO_DATA     no accepted value
 * and for a target whose year has passed: ACHIEVED or MISSED by the last value up to that year.
 *
 * The headline verdict is the next target's, except that a target whose year passed unmet makes it
 * MISSED: a missed commitment is not hidden behind a later one.
 *
 * Projections stay inside the indicator's possible range (a share never beyond 100 %, a quantity
 * never below 0, a running total never below its latest value).
 */
import type { Comparator } from "./comparators";
import type { ValueRule } from "./quality-rules";

/** Where a projection may run: the indicator's possible values (quality-rules.ts valueRuleOf). */
export type ProjectionBounds = Pick<ValueRule, "min" | "max" | "cumulative">;
const UNBOUNDED: ProjectionBounds = { min: -Infinity, max: null, cumulative: false };

export interface ValueRange {
  min: number;
  max: number;
}

const clampTo = (range: ValueRange, value: number) => Math.min(range.max, Math.max(range.min, value));

/** Every verdict, worst first (the order lists and counts show them in). */
export const VERDICTS = ["MISSED", "OFF_COURSE", "AT_RISK", "STALE", "NO_DATA", "ON_COURSE", "ACHIEVED"] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_LABELS: Record<Verdict, string> = {
  ON_COURSE: "按期可达",
  AT_RISK: "存在风险",
  OFF_COURSE: "难以达标",
  STALE: "数据过旧",
  NO_DATA: "暂无数据",
  ACHIEVED: "已达标",
  MISSED: "未达标",
};

/** Worst first: the order in which verdicts call for attention. */
export const VERDICT_SEVERITY = Object.fromEntries(VERDICTS.map((verdict, index) => [verdict, VERDICTS.length - 1 - index])) as Record<
  Verdict,
  number
>;

/** A value older than this many years (before the current one) is too old to project from. */
export const STALE_AFTER_YEARS = 2;

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
  /** Value expected in the target year at the current pace, inside the possible range (null without a trend or with stale data). */
  forecast: number | null;
  /** First year in which the current pace reaches the target, when it moves towards it. */
  crossingYear: number | null;
  verdict: Verdict;
}

export interface IndicatorAssessment {
  latest: (Point & { time: number }) | null;
  /** Trend per year of the last five values (null with fewer than two). */
  pacePerYear: number | null;
  /** Whether the latest value is too old to project from (more than STALE_AFTER_YEARS before the current year). */
  stale: boolean;
  /** Where a projection may run: the indicator's possible range, raised to the latest value for a running total. */
  range: ValueRange;
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

interface Context {
  points: readonly Point[];
  latest: NonNullable<IndicatorAssessment["latest"]>;
  slope: number | null;
  currentYear: number;
  stale: boolean;
  range: ValueRange;
}

const NOTHING_PROJECTED = { requiredYearlyChange: null, forecast: null, crossingYear: null };

function assessTarget(target: TargetInput, { points, latest, slope, currentYear, stale, range }: Context): TargetAssessment {
  if (target.year < currentYear) {
    const atDeadline = points
      .filter((point) => timeOf(point) <= target.year)
      .sort((a, b) => timeOf(a) - timeOf(b))
      .at(-1);
    if (!atDeadline) return { target, met: null, ...NOTHING_PROJECTED, verdict: "NO_DATA" };
    const met = satisfies(atDeadline.value, target);
    return { target, met, ...NOTHING_PROJECTED, verdict: met ? "ACHIEVED" : "MISSED" };
  }

  const met = satisfies(latest.value, target);
  if (stale) return { target, met, ...NOTHING_PROJECTED, verdict: "STALE" };
  const horizon = target.year - latest.time;
  const forecast = slope === null ? null : clampTo(range, latest.value + slope * horizon);
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

/**
 * `bounds`: the values the indicator can take (lib/indicators/quality-rules.ts valueRuleOf, the
 * rule that guards entry); without it projections are unbounded.
 */
export function assessIndicator(
  targets: readonly TargetInput[],
  points: readonly Point[],
  currentYear: number,
  bounds: ProjectionBounds = UNBOUNDED,
): IndicatorAssessment {
  const sorted = [...points].sort((a, b) => timeOf(a) - timeOf(b));
  const ordered = [...targets].sort((a, b) => a.year - b.year);
  const last = sorted.at(-1);
  const slope = trendPerYear(sorted);
  const nextIndex = ordered.findIndex((target) => target.year >= currentYear);
  const chosen = nextIndex >= 0 ? nextIndex : ordered.length - 1;
  const nextTarget = ordered[chosen] ?? null;
  const possible: ValueRange = { min: bounds.min, max: bounds.max ?? Infinity };
  if (!last) {
    const targetsWithout = ordered.map((target) => ({ target, met: null, ...NOTHING_PROJECTED, verdict: "NO_DATA" as const }));
    return { latest: null, pacePerYear: slope, stale: false, range: possible, targets: targetsWithout, nextTarget, verdict: "NO_DATA" };
  }
  const latest = { ...last, time: timeOf(last) };
  const stale = currentYear - latest.year > STALE_AFTER_YEARS;
  // A running total never falls: its projection is floored at the latest value.
  const range = bounds.cumulative ? { ...possible, min: Math.max(possible.min, Math.min(latest.value, possible.max)) } : possible;
  const assessed = ordered.map((target) => assessTarget(target, { points: sorted, latest, slope, currentYear, stale, range }));
  const missedPast = assessed.some((item) => item.target.year < currentYear && item.verdict === "MISSED");
  return {
    latest,
    pacePerYear: slope,
    stale,
    range,
    targets: assessed,
    nextTarget,
    verdict: missedPast ? "MISSED" : (assessed[chosen]?.verdict ?? "NO_DATA"),
  };
}
