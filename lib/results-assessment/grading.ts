/**
 * 成效考核 totals, grades and ranks. Pure. The total is the base items (worth 100 together) plus
 * bonus points up to the scheme's cap, less deduction points up to its cap, never below 0; the
 * grade is the first threshold the total reaches (defaults 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, else
 * 不合格); units rank by total with ties sharing a rank (lib/core/ranking.ts), and the change in
 * rank is read against the previous year's rank among the same group (provincial units or cities).
 */
import { rankBy } from "@/lib/core/ranking";
import { roundPoints } from "./auto-items";

export type ItemKind = "AUTO" | "MANUAL" | "BONUS" | "DEDUCTION";

export interface GradeThreshold {
  grade: string;
  min: number;
}

export const DEFAULT_GRADES: readonly GradeThreshold[] = [
  { grade: "优秀", min: 90 },
  { grade: "良好", min: 80 },
  { grade: "合格", min: 60 },
  { grade: "不合格", min: 0 },
];

export interface ScoredItem {
  kind: ItemKind;
  /** Points given (for a deduction: the points taken, as a positive number). */
  score: number;
}

export interface Caps {
  bonusCap: number;
  deductionCap: number;
}

export interface Total {
  base: number;
  bonus: number;
  deduction: number;
  total: number;
}

export function totalOf(items: readonly ScoredItem[], caps: Caps): Total {
  const sum = (kinds: readonly ItemKind[]) => items.filter((item) => kinds.includes(item.kind)).reduce((acc, item) => acc + item.score, 0);
  const base = roundPoints(sum(["AUTO", "MANUAL"]));
  const bonus = roundPoints(Math.min(sum(["BONUS"]), caps.bonusCap));
  const deduction = roundPoints(Math.min(sum(["DEDUCTION"]), caps.deductionCap));
  return { base, bonus, deduction, total: roundPoints(Math.max(base + bonus - deduction, 0)) };
}

/** The grade a total earns: the first threshold (best first) it reaches; below all, the last grade. */
export function gradeOf(total: number, grades: readonly GradeThreshold[]): string {
  const ordered = [...grades].sort((a, b) => b.min - a.min);
  return (ordered.find((threshold) => total >= threshold.min) ?? ordered[ordered.length - 1])!.grade;
}

export interface RankedResult<T> {
  item: T;
  rank: number;
  tied: boolean;
  /** Places gained (positive) or lost (negative) since last year; null without last year's rank. */
  rankChange: number | null;
}

/** Ranks results by total, best first, ties sharing a rank; `previousRank` gives last year's place of each. */
export function rankResults<T extends { total: number }>(
  results: readonly T[],
  previousRank: (item: T) => number | null = () => null,
): RankedResult<T>[] {
  return rankBy(results, (a, b) => b.total - a.total).map(({ item, rank, tied }) => {
    const before = previousRank(item);
    return { item, rank, tied, rankChange: before === null ? null : before - rank };
  });
}

/** "↑2", "↓1", "持平", "—" (no rank last year). */
export function rankChangeText(change: number | null): string {
  if (change === null) return "—";
  if (change === 0) return "持平";
  return change > 0 ? `↑${change}` : `↓${-change}`;
}
