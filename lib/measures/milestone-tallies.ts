/**
 * Milestone figures for 我的待办 and the leaders' views, pure: lights counted over groups of
 * milestones (Postgres groups them by what the rules read, lib/measures/milestone-progress.ts), and
 * the share of milestones done on time per section, unit and city, ranked.
 */
import { rankBy } from "@/lib/core/ranking";
import { sharePercent } from "@/lib/core/shares";
import { milestoneLight, type MilestoneLight, type MilestoneState } from "./milestone-lights";

/** The lights the dashboard's 节点 panel counts, most urgent first (已取消 is not a state of progress). */
export const PANEL_LIGHTS = ["OVERDUE", "DUE_SOON", "DONE_UNVERIFIED", "VERIFIED", "ON_TRACK"] as const satisfies readonly MilestoneLight[];

/** Milestones sharing everything the rules read, and how many they are. */
export interface MilestoneGroup extends MilestoneState {
  /** ISO date, or null when not recorded done. */
  doneDate: string | null;
  count: number;
}

/** How many milestones read each light on `today`. */
export function countLights(groups: readonly MilestoneGroup[], today: string): Record<MilestoneLight, number> {
  const counts: Record<MilestoneLight, number> = { VERIFIED: 0, DONE_UNVERIFIED: 0, DROPPED: 0, OVERDUE: 0, DUE_SOON: 0, ON_TRACK: 0 };
  for (const group of groups) counts[milestoneLight(group, today)] += group.count;
  return counts;
}

/**
 * "On time" (按期完成), the rule of the leaders' view: a milestone counts once its planned date has
 * passed (the day after it) and it was not dropped; it is on time when it is recorded done with a
 * done date no later than its planned date. A milestone done early but not yet due is not counted
 * yet, so every unit is judged on the same milestones: those whose date has come.
 */
export type OnTimeState = "NOT_DUE" | "ON_TIME" | "MISSED";

export const ON_TIME_RULE_TEXT =
  "按期完成率：计划完成日期已过的节点（不含已取消的）中，已完成且完成日期不晚于计划完成日期的节点所占比例；计划日期未到的节点暂不计入。";

export function onTimeState(milestone: Pick<MilestoneGroup, "status" | "plannedDate" | "doneDate">, today: string): OnTimeState {
  if (milestone.status === "DROPPED" || milestone.plannedDate >= today) return "NOT_DUE";
  return milestone.status === "DONE" && milestone.doneDate !== null && milestone.doneDate <= milestone.plannedDate ? "ON_TIME" : "MISSED";
}

export interface OnTimeTally {
  /** Milestones whose planned date has passed (not dropped). */
  due: number;
  /** Of those, done on time. */
  onTime: number;
  /** Of the on-time ones, verified by a 销号核查. */
  onTimeVerified: number;
}

/** The on-time tally of each key (a section, a unit), over groups carrying their key. */
export function tallyOnTime<K>(groups: readonly (MilestoneGroup & { key: K })[], today: string): Map<K, OnTimeTally> {
  const tallies = new Map<K, OnTimeTally>();
  for (const group of groups) {
    const tally = tallies.get(group.key) ?? { due: 0, onTime: 0, onTimeVerified: 0 };
    const state = onTimeState(group, today);
    if (state !== "NOT_DUE") tally.due += group.count;
    if (state === "ON_TIME") {
      tally.onTime += group.count;
      if (group.verified) tally.onTimeVerified += group.count;
    }
    tallies.set(group.key, tally);
  }
  return tallies;
}

export const NO_MILESTONES_DUE: OnTimeTally = { due: 0, onTime: 0, onTimeVerified: 0 };

/** The on-time tallies of groups carrying their section and unit: per section, per unit, and over all. */
export function onTimeBreakdown(groups: readonly (MilestoneGroup & { section: number; unitId: number })[], today: string) {
  return {
    bySection: tallyOnTime(
      groups.map((group) => ({ ...group, key: group.section })),
      today,
    ),
    byUnit: tallyOnTime(
      groups.map((group) => ({ ...group, key: group.unitId })),
      today,
    ),
    overall:
      tallyOnTime(
        groups.map((group) => ({ ...group, key: "all" })),
        today,
      ).get("all") ?? NO_MILESTONES_DUE,
  };
}

export interface OnTimeRank<T> {
  item: T;
  tally: OnTimeTally;
  /** Percent as shown (lib/core/shares.ts); null when nothing is due yet. */
  share: number | null;
  /** null: not ranked (nothing due yet). */
  rank: number | null;
  tied: boolean;
}

export const ON_TIME_RANKING_TEXT = "名次按按期完成率（高者在前）排列，数值相同者并列；尚无到期节点的不排名，列在最后。";

/**
 * Ranks items by their on-time share as shown (one decimal), best first; equal shares share a
 * rank (并列). Items with nothing due yet come last, unranked, in their given order.
 */
export function rankOnTime<T>(items: readonly { item: T; tally: OnTimeTally }[]): OnTimeRank<T>[] {
  const due = items
    .filter(({ tally }) => tally.due > 0)
    .map((entry) => ({ ...entry, share: sharePercent(entry.tally.onTime, entry.tally.due) }));
  const ranked = rankBy(due, (a, b) => b.share - a.share).map(({ item, rank, tied }) => ({ ...item, rank, tied }));
  const rest = items.filter(({ tally }) => tally.due === 0).map((entry) => ({ ...entry, share: null, rank: null, tied: false }));
  return [...ranked, ...rest];
}
