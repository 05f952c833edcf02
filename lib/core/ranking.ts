/**
 * Standard competition ranking ("1224"): equal values share a rank (并列) and the next rank skips,
 * the way Chinese 通报 and league tables read. Pure; used by every ranking the product shows
 * (dashboard, cities, units, indicators, annual report).
 */
export interface Ranked<T> {
  item: T;
  /** 1-based place; equal keys share it. */
  rank: number;
  /** Whether another item shares this rank. */
  tied: boolean;
}

/**
 * Ranks `items` best first. `compare` orders them (negative: a before b); items it calls equal
 * (0) share a rank. Items keep `compare`'s order, and equal ones their input order.
 */
export function rankBy<T>(items: readonly T[], compare: (a: T, b: T) => number): Ranked<T>[] {
  const sorted = items.map((item, index) => ({ item, index })).sort((a, b) => compare(a.item, b.item) || a.index - b.index);
  const ranked: Ranked<T>[] = [];
  sorted.forEach(({ item }, position) => {
    const previous = ranked[position - 1];
    const rank = previous && compare(previous.item, item) === 0 ? previous.rank : position + 1;
    ranked.push({ item, rank, tied: false });
  });
  for (let i = 0; i < ranked.length; i++) {
    const here = ranked[i]!;
    here.tied = ranked[i - 1]?.rank === here.rank || ranked[i + 1]?.rank === here.rank;
  }
  return ranked;
}

/** "第 2 名" or "并列第 2 名". */
export function rankText(place: { rank: number; tied: boolean }): string {
  return `${place.tied ? "并列" : ""}第 ${place.rank} 名`;
}
