/**
 * Reporting quarters. Dates are ISO calendar dates ("2026-09-30") in China time, so no time zone
 * can shift a deadline by a day. Units report on each quarter from 2024Q3 (the plan was issued in
 * June 2024) until the quarter of the task's deadline; a quarter's window closes a set number of
 * days after the quarter ends.
 */

import { env } from "./env";

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

export const PLAN_FIRST_QUARTER: Quarter = { year: 2024, quarter: 3 };
export const DEFAULT_WINDOW_DAYS = 10;
const QUARTER_NAMES = ["一", "二", "三", "四"] as const;
const DAY_MS = 86_400_000;

/** A quarter as written in URLs, the API and files: 2026Q3. */
export const QUARTER = /^(\d{4})Q([1-4])$/;

export function parseQuarter(text: string): Quarter | null {
  const match = QUARTER.exec(text.trim().toUpperCase());
  if (!match) return null;
  return { year: Number(match[1]), quarter: Number(match[2]) as Quarter["quarter"] };
}

/** "2026Q3": the form used in URLs, the API and files. */
export function formatQuarter(q: Quarter): string {
  return `${q.year}Q${q.quarter}`;
}

/** "2026年第三季度". */
export function quarterLabel(q: Quarter): string {
  return `${q.year}年第${QUARTER_NAMES[q.quarter - 1]}季度`;
}

/** A running number: consecutive quarters differ by one. */
export function quarterIndex(q: Quarter): number {
  return q.year * 4 + (q.quarter - 1);
}

export function quarterFromIndex(index: number): Quarter {
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter["quarter"] };
}

export function addQuarters(q: Quarter, count: number): Quarter {
  return quarterFromIndex(quarterIndex(q) + count);
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return quarterIndex(a) - quarterIndex(b);
}

export function quarterOfDate(isoDate: string): Quarter {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter["quarter"] };
}

export function quarterEndDate(q: Quarter): string {
  const month = q.quarter * 3;
  const lastDay = new Date(Date.UTC(q.year, month, 0)).getUTCDate();
  return `${q.year}-${String(month).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Results of pure date functions called thousands of times per dashboard with the same few
 * arguments, remembered (bounded) so the status rules stay cheap.
 */
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) {
      if (cache.size > 5000) cache.clear();
      value = compute(key);
      cache.set(key, value);
    }
    return value;
  };
}

const dayNumber = memo((isoDate) => Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round(dayNumber(to) - dayNumber(from));
}

const closes = memo((key) => {
  const [year, quarter, days] = key.split(":").map(Number) as [number, number, number];
  return addDays(quarterEndDate({ year, quarter: quarter as Quarter["quarter"] }), days);
});

/** Last day on which a quarter's report is on time. */
export function windowCloseDate(q: Quarter, windowDays: number): string {
  return closes(`${q.year}:${q.quarter}:${windowDays}`);
}

/**
 * The China-time day of `now`, whatever the server's time zone. Without `now`: the day the app
 * judges by — APP_TODAY when set (rehearsals and tests inject the clock there, lib/core/env.ts),
 * otherwise today in China. Deadlines, reporting windows, milestone lights and the dashboards'
 * moment all take their day from here.
 */
export function chinaToday(now?: Date): string {
  if (now === undefined) {
    const injected = env().APP_TODAY;
    if (injected) return injected;
  }
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(now ?? new Date());
}

/**
 * The quarter whose report is being collected on `today`: the previous quarter while its window
 * is still open, otherwise the current one.
 */
export function reportingQuarter(today: string, windowDays: number): Quarter {
  const current = quarterOfDate(today);
  const previous = addQuarters(current, -1);
  return today <= windowCloseDate(previous, windowDays) ? previous : current;
}

/** Every quarter a task is reported on: 2024Q3 through the quarter of its deadline. */
export function quartersOfTask(deadlineDate: string): Quarter[] {
  const last = quarterIndex(quarterOfDate(deadlineDate));
  const quarters: Quarter[] = [];
  for (let index = quarterIndex(PLAN_FIRST_QUARTER); index <= last; index += 1) quarters.push(quarterFromIndex(index));
  return quarters;
}

export function taskSpansQuarter(deadlineDate: string, q: Quarter): boolean {
  return compareQuarters(q, PLAN_FIRST_QUARTER) >= 0 && compareQuarters(q, quarterOfDate(deadlineDate)) <= 0;
}
