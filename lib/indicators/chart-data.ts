/**
 * The lines of an indicator chart, computed from its assessment: the observed values, the path
 * required from the latest value to each target, and the current pace projected to the last
 * target year. Pure, so the chart component only draws.
 */
import { timeOf, type IndicatorAssessment, type Point } from "./assessment";

export interface ChartPoint {
  x: number;
  y: number;
}

export interface IndicatorChartData {
  observed: (ChartPoint & { label: string; demo: boolean })[];
  targets: (ChartPoint & { label: string })[];
  required: { year: number; points: ChartPoint[] }[];
  forecast: ChartPoint[];
  domain: [number, number];
}

const round = (value: number) => Math.round(value * 10000) / 10000;

export function indicatorChartData(
  points: readonly (Point & { demo?: boolean })[],
  assessment: IndicatorAssessment,
  symbols: Record<string, string>,
): IndicatorChartData {
  const observed = [...points]
    .sort((a, b) => timeOf(a) - timeOf(b))
    .map((point) => ({
      x: timeOf(point),
      y: point.value,
      label: point.quarter ? `${point.year}Q${point.quarter}` : String(point.year),
      demo: Boolean(point.demo),
    }));
  const targets = assessment.targets.map(({ target }) => ({
    x: target.year,
    y: target.value,
    label: `${target.year}年目标 ${symbols[target.comparator] ?? ""}${target.value}`,
  }));
  const latest = assessment.latest;
  const required = latest
    ? assessment.targets
        .filter((item) => item.requiredYearlyChange !== null)
        .map((item) => ({
          year: item.target.year,
          points: [
            { x: latest.time, y: latest.value },
            { x: item.target.year, y: item.target.value },
          ],
        }))
    : [];
  const lastYear = Math.max(2035, ...targets.map((target) => target.x));
  const forecast =
    latest && assessment.pacePerYear !== null
      ? [
          { x: latest.time, y: latest.value },
          { x: lastYear, y: round(latest.value + assessment.pacePerYear * (lastYear - latest.time)) },
        ]
      : [];
  const firstYear = Math.min(lastYear - 1, ...observed.map((point) => Math.floor(point.x)), 2024);
  return { observed, targets, required, forecast, domain: [firstYear, lastYear] };
}
