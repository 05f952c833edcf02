import "server-only";
import { env } from "@/lib/core/env";
import { CLOCK_TIME } from "@/lib/notices/delivery-rules";
import { PREPARE_AT, prepareToday } from "@/lib/status/status-schedule";
import { chinaToday } from "@/lib/core/quarters";
import { runDailyNotices } from "@/lib/notices/automatic";
import { runDailyDigest } from "@/lib/notices/digest";
import { runEscalations } from "@/lib/notices/escalate";
import { digestIsDue } from "@/lib/notices/notice-rules";
import { getNoticeRules } from "@/lib/notices/notice-settings";

/**
 * The app's timed work, in one list: each job runs on the job queue (lib/jobs/queue.ts) at its
 * China-time schedule, once across all app instances, on an instance where it is enabled. To add
 * one (the daily digest, the escalation sweep…), append `dailyJob({ … })` below; its handler should
 * be safe to run twice (a job whose instance dies mid-run is run again).
 */

export interface ScheduledJob {
  /** The queue's name: lower-case words joined by hyphens ("notices-digest"). */
  name: string;
  /** A cron expression (minute hour day month weekday) read in China time. */
  cron: string;
  /** Also once shortly after a server starts (instances starting within the same 10 minutes run it once). */
  runAtStart?: boolean;
  /** False: this instance neither schedules nor runs it (another instance may). */
  enabled?: () => boolean;
  /** How long one run may take before the queue counts it as failed (default 30 minutes). */
  timeoutMinutes?: number;
  run: () => Promise<void>;
}

/** The cron expression of every day at `clock` ("07:30"), China time. */
export function dailyAt(clock: string): string {
  if (!CLOCK_TIME.test(clock)) throw new Error(`dailyAt("${clock}"): expected HH:MM`);
  return `${Number(clock.slice(3, 5))} ${Number(clock.slice(0, 2))} * * *`;
}

/** A job run every day at `at` (China time, "HH:MM"). */
export function dailyJob(job: Omit<ScheduledJob, "cron"> & { at: string }): ScheduledJob {
  const { at, ...rest } = job;
  return { ...rest, cron: dailyAt(at) };
}

export const SCHEDULED_JOBS: readonly ScheduledJob[] = [
  // Plan amendments taking effect today, then today's status snapshot (lib/status/status-schedule.ts).
  dailyJob({
    name: "status-snapshot",
    at: PREPARE_AT,
    runAtStart: true,
    enabled: () => env().STATUS_SNAPSHOT_SCHEDULE === "on",
    run: prepareToday,
  }),
  // 自动提醒: windows opening, reports due and overdue, reviews waiting, milestones, annual reports (lib/notices/automatic.ts).
  dailyJob({
    name: "notices-daily",
    at: "07:00",
    run: async () => {
      await runDailyNotices(chinaToday());
    },
  }),
  // 每日汇总: every half hour, so the admin's digest time (Setting noticeRules.digestAt) applies without a restart.
  {
    name: "notices-digest",
    cron: "*/30 * * * *",
    run: async () => {
      const now = new Date();
      if (digestIsDue(now, (await getNoticeRules()).digestAt)) await runDailyDigest(chinaToday());
    },
  },
  // 逐级提醒 of notices nobody acted on (lib/notices/escalate.ts), hourly: days are counted in China days.
  {
    name: "notices-escalate",
    cron: "15 * * * *",
    run: async () => {
      await runEscalations(chinaToday());
    },
  },
];
