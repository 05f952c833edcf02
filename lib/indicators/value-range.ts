/**
 * The values an indicator can possibly take, by its unit and kind: a share (a "%" that is part of a
 * whole) lies in 0–100; a rate of change in "%" (年均增长率) cannot fall below −100; every other
 * quantity here (concentrations, areas, counts, lengths, capacities) is non-negative. Pure; used to
 * keep projections and paths inside what the indicator can be.
 */
export interface ValueRange {
  min: number;
  max: number;
}

export const UNBOUNDED: ValueRange = { min: -Infinity, max: Infinity };

/** Whether a "%" indicator is a rate of change rather than a share of a whole. */
const isRateOfChange = (name: string) => /增长|增速|变化率|下降率/.test(name);

export function possibleRange(indicator: { measureUnit: string; name: string }): ValueRange {
  if (indicator.measureUnit === "%") return isRateOfChange(indicator.name) ? { min: -100, max: Infinity } : { min: 0, max: 100 };
  return { min: 0, max: Infinity };
}

export function clampTo(range: ValueRange, value: number): number {
  return Math.min(range.max, Math.max(range.min, value));
}
