/**
 * How units (provincial units, cities) are ranked on their tasks. Pure.
 *
 * By what is wrong, fewest first: the share of a unit's tasks that lag (behind, late with a report
 * or past the deadline), then the average percent complete, both compared as they are shown (one
 * decimal, whole percent), so values that read the same share a rank (并列). A unit is never "first"
 * ahead of units showing the same figures, and the share lagging stands next to every rank: a city
 * with 59 of 60 tasks lagging ahead of cities with 60 of 60 is 第 1 名 only with 98.3 % beside it.
 */
import { rankBy } from "@/lib/core/ranking";
import { sharePercent } from "@/lib/core/shares";

/** The rule in the words shown under every ranking. */
export const RANKING_RULE_TEXT = "名次按滞后或逾期任务占比（少者在前）、再按平均完成排列，数值相同者并列。";

export interface UnitTally {
  code: string;
  shortName: string;
  kind: "PROVINCIAL" | "CITY";
  /** Task × unit pairs the unit carries (over the selected section). */
  assignments: number;
  /** Of those, lagging. */
  lagging: number;
  /** Average percent complete, whole percent. */
  averagePercent: number;
}

export interface UnitRank extends UnitTally {
  /** 1-based place; units showing the same figures share it. */
  rank: number;
  tied: boolean;
  /** Share of the unit's tasks lagging, in percent as shown (lib/core/shares.ts). */
  laggingShare: number;
}

export interface Ranking {
  /** Units ranked (before any trimming to the two ends). */
  total: number;
  units: UnitRank[];
}

/** Units' tallies, in the official order, ranked best first (see above). */
export function rankUnitTallies(tallies: readonly UnitTally[]): UnitRank[] {
  const scored = tallies.map((unit) => ({ ...unit, laggingShare: sharePercent(unit.lagging, unit.assignments) }));
  return rankBy(scored, (a, b) => a.laggingShare - b.laggingShare || b.averagePercent - a.averagePercent).map(({ item, rank, tied }) => ({
    ...item,
    rank,
    tied,
  }));
}

/** Only the first and the last `edge` places of a long ranking (ranks still those of the whole). */
export function rankingEnds(ranked: readonly UnitRank[], edge: number | undefined): Ranking {
  const total = ranked.length;
  const units = edge === undefined ? [...ranked] : ranked.filter((_, index) => index < edge || index >= total - edge);
  return { total, units };
}
