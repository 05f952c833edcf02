import "server-only";
import { addDays, addQuarters, chinaToday } from "@/lib/core/quarters";
import { applyDueAmendments } from "@/lib/plan/amendments";
import { env } from "@/lib/core/env";
import { currentSnapshot, momentFor } from "./status-snapshot";

/** Minutes after midnight (China time) at which the day's status snapshot is prepared. */
const PREPARE_AT_MINUTES = 5;
/** The same moment as a China-time clock reading, for the job queue's daily schedule: "00:05". */
export const PREPARE_AT = `00:${String(PREPARE_AT_MINUTES).padStart(2, "0")}`;

/** Milliseconds from `now` to the next 00:05 in China (UTC+8, no daylight saving). */
export function delayUntilNextPreparation(now: Date): number {
  const today = chinaToday(now);
  const todays = Date.parse(`${today}T00:00:00+08:00`) + PREPARE_AT_MINUTES * 60_000;
  const next = todays > now.getTime() ? todays : Date.parse(`${addDays(today, 1)}T00:00:00+08:00`) + PREPARE_AT_MINUTES * 60_000;
  return next - now.getTime();
}

/**
 * The day's work: plan amendments that take effect today are applied first (the snapshot then
 * describes the plan as amended), then today's snapshot and the previous quarter's window close
 * (the 本季度变化 brief compares them). Run by the job queue at start-up and at 00:05 (the
 * `status-snapshot` job of lib/jobs/scheduled-jobs.ts), once across all instances, so that the
 * first leader to open a dashboard does not wait for it and report writes pause for its build at
 * night rather than during the day. Running it twice does no harm: the build is idempotent and
 * serialized in the database.
 */
export async function prepareToday(): Promise<void> {
  try {
    // A rehearsal server (APP_TODAY) must not write the plan ahead of its documents: amendments
    // take effect on the real day, applied by a server running on the real clock.
    if (env().APP_TODAY) console.warn("[plan] APP_TODAY is set: plan amendments are left for a server on the real clock");
    else {
      const applied = await applyDueAmendments();
      if (applied > 0) console.log(`[plan] applied ${applied} plan amendment(s) taking effect today`);
    }
  } catch (error) {
    // Still pending: the next run (at start-up or after midnight) applies them.
    console.error("[plan] applying today's plan amendments failed:", error);
  }
  try {
    const today = await momentFor();
    await currentSnapshot(today);
    await currentSnapshot(await momentFor(addQuarters(today.collecting, -1)));
  } catch (error) {
    // The next dashboard view builds it instead; nothing is lost.
    console.error("[status snapshot] preparing today's snapshot failed:", error);
  }
}
