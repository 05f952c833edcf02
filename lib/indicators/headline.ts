/**
 * The plan's headline indicators: the targets its main text (正文) sets, which leaders read first,
 * before those only the annex (附件：重点任务清单) names. Derived from the catalogue's clause
 * reference ("正文（五）；附件第19、20项"), so no flag is stored. Pure.
 */

/** The three the main text leads its goals with (clean air, clean water, forests): shown first of all. */
export const FLAGSHIP_INDICATORS = ["PM25", "SURFACE_WATER_GOOD", "FOREST_COVERAGE"] as const;

/** Whether the plan's main text sets this indicator's target. */
export function isHeadline(indicator: { clauseRef: string }): boolean {
  return indicator.clauseRef.startsWith("正文");
}

function tierOf(indicator: { code: string; clauseRef: string }): number {
  const flagship = (FLAGSHIP_INDICATORS as readonly string[]).indexOf(indicator.code);
  if (flagship >= 0) return flagship;
  return isHeadline(indicator) ? FLAGSHIP_INDICATORS.length : FLAGSHIP_INDICATORS.length + 1;
}

/** Orders the flagship three first, then the main text's other indicators, then the annex's; a stable sort keeps the catalogue order within each. */
export function byHeadline(a: { code: string; clauseRef: string }, b: { code: string; clauseRef: string }): number {
  return tierOf(a) - tierOf(b);
}

export function headlineFirst<T extends { code: string; clauseRef: string }>(indicators: readonly T[]): T[] {
  return [...indicators].sort(byHeadline);
}
