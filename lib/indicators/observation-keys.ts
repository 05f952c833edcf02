/** What identifies an indicator value besides its indicator: the area and the period. */

/** The area of a province-wide value; a city's values carry the city's code. */
export const PROVINCE = "province";

/** "2026" for a whole year (quarter 0), "2026Q3" for a quarter. */
export function periodText(observation: { year: number; quarter: number }): string {
  return observation.quarter ? `${observation.year}Q${observation.quarter}` : String(observation.year);
}

/** "2026" → { year: 2026, quarter: 0 }; "2026Q3" → { year: 2026, quarter: 3 }; anything else null. */
export function parsePeriod(text: string): { year: number; quarter: number } | null {
  const match = /^(\d{4})(?:Q([1-4]))?$/.exec(text.trim().toUpperCase());
  return match ? { year: Number(match[1]), quarter: match[2] ? Number(match[2]) : 0 } : null;
}

/** "2026年" or "2026年第三季度", as people read a period. */
export function periodLabel(period: { year: number; quarter: number }): string {
  return period.quarter ? `${period.year}年第${"一二三四"[period.quarter - 1]}季度` : `${period.year}年`;
}

/**
 * An indicator's name for one area: the province's name as the catalogue has it ("全省细颗粒物
 * （PM2.5）平均浓度"); a city's with the city in place of 全省 ("南昌市细颗粒物（PM2.5）平均浓度"),
 * or in front when the name has no 全省 ("南昌市森林覆盖率").
 */
export function areaIndicatorName(name: string, cityName: string | null): string {
  if (!cityName) return name;
  return name.startsWith("全省") ? `${cityName}${name.slice(2)}` : `${cityName}${name}`;
}

/**
 * The area a unit's report figure is a value of: a city's own; the province's when the unit owns
 * the indicator; none for another provincial unit (the owner reports the province-wide value,
 * so nobody else is asked for it: 最多报一次).
 */
export function figureArea(
  unit: { id: number; code: string; kind: "PROVINCIAL" | "CITY" },
  indicator: { ownerUnitId: number },
): string | null {
  if (unit.kind === "CITY") return unit.code;
  return indicator.ownerUnitId === unit.id ? PROVINCE : null;
}
