/**
 * Shares (part of a whole) as people read them: to one decimal, dropping ".0" (45 %, 33.3 %), and
 * never rounded to a misleading end: 8 of 3,268 is 0.2 %, not 0 %; a non-zero part is at least
 * 0.1 %; 3,267 of 3,268 is 99.9 %, never 100 % while something is missing. Pure.
 */
export function sharePercent(part: number, whole: number): number {
  if (!whole) return 0;
  const tenth = Math.round((part / whole) * 1000) / 10;
  if (tenth === 0 && part > 0) return 0.1;
  if (tenth === 100 && part < whole) return 99.9;
  return tenth;
}

/** "0.2%", "45%", "99.9%". */
export function formatShare(part: number, whole: number): string {
  return `${sharePercent(part, whole)}%`;
}
