/**
 * The rules of automatic notices, pure: the admin's thresholds (Setting `noticeRules`, defaults
 * when unset or invalid), which day gets a "due in n days" notice, when a reporting window opens,
 * when an unsettled notice escalates, and the keys that make every notice unique per cause.
 * lib/notices/automatic.ts, digest.ts and escalate.ts apply them; tests/unit/notice-rules.test.ts checks them.
 */
import { z } from "@/lib/core/zod";
import { addDays, daysBetween, formatQuarter, quarterEndDate, type Quarter } from "@/lib/core/quarters";
import { CLOCK_TIME } from "./delivery-rules";

const days = z.number().int().min(0).max(366);

export const noticeRulesSchema = z.object({
  /** Days before a window's close (or a deadline) on which "due in n days" goes out. */
  dueDays: z
    .array(z.number().int().min(0).max(60))
    .min(1)
    .max(10)
    .transform((list) => [...new Set(list)].sort((a, b) => b - a)),
  /** Days a submitted report or measure list may wait for its reviewer before a reminder. */
  reviewWaitDays: days.min(1),
  /** Days a notice may stay unsettled before it goes one level up. */
  escalateAfterDays: days.min(1),
  /** Days before a milestone's planned date on which "milestone due" goes out. */
  milestoneDueDays: days,
  /** When the daily digest goes out, China time. */
  digestAt: z.string().regex(CLOCK_TIME, "请填写 HH:MM 格式的时间"),
});

export type NoticeRules = z.infer<typeof noticeRulesSchema>;

export const DEFAULT_NOTICE_RULES: NoticeRules = {
  dueDays: [7, 3, 1],
  reviewWaitDays: 5,
  escalateAfterDays: 3,
  milestoneDueDays: 7,
  digestAt: "07:30",
};

/** The stored value over the defaults, field by field: a missing or invalid field reads its default. */
export function noticeRulesOf(stored: unknown): NoticeRules {
  const value = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const rules = { ...DEFAULT_NOTICE_RULES };
  for (const key of Object.keys(DEFAULT_NOTICE_RULES) as (keyof NoticeRules)[]) {
    const field = noticeRulesSchema.shape[key].safeParse(value[key]);
    if (field.success) Object.assign(rules, { [key]: field.data });
  }
  return rules;
}

/**
 * The "due in n days" stage for a deadline `daysLeft` days away: the smallest configured n not
 * below it, so a day the job missed is caught up the next day (once per stage, by its key), or
 * null when the deadline is further than every stage or already past.
 */
export function dueStage(daysLeft: number, dueDays: readonly number[]): number | null {
  if (daysLeft < 0) return null;
  const stages = dueDays.filter((n) => n >= daysLeft);
  return stages.length > 0 ? Math.min(...stages) : null;
}

/** The first day of a quarter's reporting window: the day after the quarter ends. */
export function windowOpenDate(quarter: Quarter): string {
  return addDays(quarterEndDate(quarter), 1);
}

/** The China-time day of a moment. */
export function chinaDayOf(moment: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(moment);
}

/** The first moment of a China-time day. */
export function chinaDayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** China days from a moment to `today` (0 on the same day). */
export function chinaDaysSince(moment: Date, today: string): number {
  return daysBetween(chinaDayOf(moment), today);
}

/** Whether an unsettled notice written at `createdAt` goes one level up on `today`. */
export function isDueForEscalation(createdAt: Date, today: string, escalateAfterDays: number): boolean {
  return chinaDaysSince(createdAt, today) >= escalateAfterDays;
}

/** Notices written before this moment are old enough to escalate on `today`. */
export function escalationCutoff(today: string, escalateAfterDays: number): Date {
  return chinaDayStart(addDays(today, 1 - escalateAfterDays));
}

/** The level above a notice's: 0 desk officer → 1 单位负责人 → 2 省生态环境厅; null at the top. */
export function nextEscalationLevel(level: number): 1 | 2 | null {
  return level === 0 ? 1 : level === 1 ? 2 : null;
}

/** A notice's cause without its recipient or escalation level: what the whole ladder shares. */
export function causeOf(dedupeKey: string): string {
  return dedupeKey.replace(/:u\d+$/, "").replace(/^esc\d:/, "");
}

export const escalationKey = (cause: string, level: number) => `esc${level}:${cause}`;

/** What acting on settles: a report owed by a unit (it may not exist yet), a record under review… */
export const SUBJECTS = {
  owedReport: (unitId: number, taskId: number, quarter: Quarter) => `ProgressReport:${unitId}:${taskId}:${formatQuarter(quarter)}`,
  reportReview: (reportId: number) => `ProgressReport:${reportId}:review`,
  measureListReview: (listId: number) => `MeasureList:${listId}:review`,
  milestone: (milestoneId: number) => `Milestone:${milestoneId}`,
  unitReport: (unitId: number, year: number) => `UnitAnnualReport:${unitId}:${year}`,
};

/** Whether the day's digest may go out at `now`: at or after the digest time, China time. */
export function digestIsDue(now: Date, digestAt: string): boolean {
  const clock = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Shanghai",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(now);
  return clock >= digestAt;
}
