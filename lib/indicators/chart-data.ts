/**
 * The lines of an indicator chart, computed from its assessment: the observed values, the path
 * required from the latest value to each target, and the current pace projected to the last
 * target year. The pace line stops rising (or falling) where the indicator's possible range ends
 * (a share at 100 %, a quantity at 0), and is not drawn from a stale value. Pure, so the chart
 * component only draws.
 */
import { timeOf, type IndicatorAssessment, type Point, type ValueRange } from "./assessment";

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
    latest && assessment.pacePerYear !== null && !assessment.stale
      ? paceLine({ x: latest.time, y: latest.value }, assessment.pacePerYear, lastYear, assessment.range)
      : [];
  const firstYear = Math.min(lastYear - 1, ...observed.map((point) => Math.floor(point.x)), 2024);
  return { observed, targets, required, forecast, domain: [firstYear, lastYear] };
}

/** The straight line at `slope` from `start` to `endX`, flat from where it meets the range's edge. */
export function paceLine(start: ChartPoint, slope: number, endX: number, range: ValueRange): ChartPoint[] {
  const end = start.y + slope * (endX - start.x);
  const edge = end > range.max ? range.max : end < range.min ? range.min : null;
  if (edge === null || slope === 0) return [start, { x: endX, y: round(end) }];
  const meets = Math.max(start.x, start.x + (edge - start.y) / slope);
  return [start, { x: round(meets), y: edge }, { x: endX, y: edge }];
}
