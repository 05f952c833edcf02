/** What identifies an indicator value besides its indicator: the area and the period. */

/** The area of a province-wide value; a city's values carry the city's code. */
export const PROVINCE = "province";

/** "2026" for a whole year (quarter 0), "2026Q3" for a quarter. */
export function periodText(observation: { year: number; quarter: number }): string {
  return observation.quarter ? `${observation.year}Q${observation.quarter}` : String(observation.year);
}
