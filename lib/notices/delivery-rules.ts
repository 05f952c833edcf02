/**
 * When a delivery may go out and when it is tried again: quiet hours (China time) and the retry
 * policy. Pure: the relay (lib/notices/delivery.ts) applies them, tests/unit/notice-delivery.test.ts checks them.
 */

/** "HH:MM", 00:00–23:59. */
export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Quiet hours, China time: "22:00"–"07:00" spans midnight; a start equal to its end means none. */
export interface QuietHours {
  start: string;
  end: string;
}

const CHINA_OFFSET_MINUTES = 8 * 60;
const DAY_MINUTES = 24 * 60;

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** The person's own quiet hours when both ends are set, else the unit's, else none. */
export function quietHoursOf(
  contact: { quietStart: string | null; quietEnd: string | null } | null,
  unitDefault: { quietStart: string | null; quietEnd: string | null } | null,
): QuietHours | null {
  for (const source of [contact, unitDefault]) {
    if (source?.quietStart && source.quietEnd) return { start: source.quietStart, end: source.quietEnd };
  }
  return null;
}

/**
 * The moment the quiet period `now` falls in ends, or null when `now` is outside quiet hours.
 * The start minute is quiet, the end minute is not (22:00–07:00: 06:59 waits, 07:00 goes).
 */
export function quietUntil(now: Date, quiet: QuietHours | null): Date | null {
  if (!quiet || !CLOCK_TIME.test(quiet.start) || !CLOCK_TIME.test(quiet.end)) return null;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const minuteStart = Math.floor(now.getTime() / 60_000) * 60_000;
  const minute = (Math.floor(now.getTime() / 60_000) + CHINA_OFFSET_MINUTES) % DAY_MINUTES;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!inside) return null;
  return new Date(minuteStart + ((end - minute + DAY_MINUTES) % DAY_MINUTES) * 60_000);
}

/** How often a delivery is tried and how long it waits in between (exponential, capped). */
export interface RetryPolicy {
  maxAttempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

/** The wait after the `failedAttempts`-th failed attempt: first delay, doubled each time, at most the cap. */
export function retryDelayMs(failedAttempts: number, policy: RetryPolicy): number {
  const doubled = policy.firstDelayMs * 2 ** Math.min(Math.max(failedAttempts - 1, 0), 30);
  return Math.min(doubled, policy.maxDelayMs);
}

export type FailureOutcome = { status: "RETRYING"; notBefore: Date } | { status: "FAILED" };

/**
 * What a failed attempt leaves: tried again later, or failed for good after the last attempt or
 * when the answer says trying again cannot help (a mailbox that does not exist, a 4xx of the gateway).
 */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy, permanent: boolean): FailureOutcome {
  if (permanent || attempts >= policy.maxAttempts) return { status: "FAILED" };
  return { status: "RETRYING", notBefore: new Date(now.getTime() + retryDelayMs(attempts, policy)) };
}

/** The time all attempts of a delivery span at most, for the documentation and its test: Σ of the waits between them. */
export function retrySpanMs(policy: RetryPolicy): number {
  let total = 0;
  for (let failed = 1; failed < policy.maxAttempts; failed += 1) total += retryDelayMs(failed, policy);
  return total;
}
