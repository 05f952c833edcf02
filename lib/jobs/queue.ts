import "server-only";
import PgBoss from "pg-boss";
import { relayDueDeliveries, type RelayOptions } from "@/lib/notices/delivery";
import type { ScheduledJob } from "./scheduled-jobs";

/**
 * The job queue: pg-boss on the app's own PostgreSQL (its tables in the schema `pgboss`, created
 * at its first start), so timed and background work runs once across all app instances with no
 * other server to run. Two kinds of work:
 * - the scheduled jobs of lib/jobs/scheduled-jobs.ts, on cron schedules in China time (pg-boss's
 *   cron monitor inserts each due run once, whichever instance's clock sees it first);
 * - the outbox relay (lib/notices/delivery.ts): each instance asks for a relay every
 *   NOTICE_RELAY_SECONDS, throttled by the queue to one job per interval across all instances;
 *   whichever instance's worker takes it sends the due deliveries. Deliveries are claimed one by one
 *   in the database, so even relays that overlap never send one twice.
 * Nothing here keeps the process alive or stops it: a queue that cannot start is logged, and the
 * outbox simply waits for one that can.
 */

export const CHINA_TIME_ZONE = "Asia/Shanghai";
export const DEFAULT_QUEUE_SCHEMA = "pgboss";
export const RELAY_QUEUE = "notices-relay";
/** Start-up runs of a scheduled job from instances starting within this many seconds collapse into one. */
const START_RUN_SLOT_SECONDS = 600;

export interface JobQueueOptions {
  connectionString: string;
  /** pg-boss's schema (default "pgboss"); tests use one of their own. */
  schema?: string;
  jobs?: readonly ScheduledJob[];
  /** Seconds between relay runs across all instances; null: this instance does not relay. */
  relayEverySeconds?: number | null;
  /** Passed to every relay run (tests: a local mail server, short retry delays). */
  relay?: RelayOptions;
  /** How often this instance's workers look for jobs of their own (seconds, at least 0.5). */
  pollingSeconds?: number;
  log?: (line: string) => void;
}

export interface JobQueue {
  boss: PgBoss;
  /** Stops asking for relays and taking jobs, waits up to `timeoutMs` for the running ones, then disconnects. */
  stop(timeoutMs?: number): Promise<void>;
}

export async function startJobQueue(options: JobQueueOptions): Promise<JobQueue> {
  const log = options.log ?? ((line: string) => console.log(line));
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: options.schema ?? DEFAULT_QUEUE_SCHEMA,
    application_name: "meili-jobs",
    // Polling and cron need few connections; the app's own pool (DATABASE_POOL_SIZE) is separate.
    max: 3,
    // A relay every few seconds makes many small jobs: keep the finished ones a day, not a week.
    archiveCompletedAfterSeconds: 60 * 60,
    deleteAfterDays: 1,
  });
  // Without a listener an 'error' event (a lost connection during a poll) would end the process.
  boss.on("error", (error: Error) => log(`[jobs] queue error: ${error.message}`));
  try {
    return await startWork(boss, options, log);
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => {});
    throw error;
  }
}

async function startWork(boss: PgBoss, options: JobQueueOptions, log: (line: string) => void): Promise<JobQueue> {
  await boss.start();
  const pollingIntervalSeconds = Math.max(0.5, options.pollingSeconds ?? 5);
  for (const job of options.jobs ?? []) {
    await boss.createQueue(job.name, {
      name: job.name,
      retryLimit: 2,
      retryDelay: 60,
      expireInSeconds: (job.timeoutMinutes ?? 30) * 60,
    });
    await boss.schedule(job.name, job.cron, {}, { tz: CHINA_TIME_ZONE });
    await boss.work(job.name, { pollingIntervalSeconds }, async () => {
      await job.run();
    });
    if (job.runAtStart) await boss.sendThrottled(job.name, {}, { startAfter: 5 }, START_RUN_SLOT_SECONDS, "start-up");
  }

  let stopRelay = () => {};
  const every = options.relayEverySeconds;
  if (every) {
    // A relay run is bounded (RelayOptions.budgetMs, default 60 s); one that outlives this is dead.
    await boss.createQueue(RELAY_QUEUE, { name: RELAY_QUEUE, retryLimit: 0, expireInSeconds: 10 * 60 });
    const workerId = await boss.work(RELAY_QUEUE, { pollingIntervalSeconds: Math.min(pollingIntervalSeconds, every) }, async (jobs) => {
      for (const job of jobs) await relayDueDeliveries({ ...options.relay, runId: job.id });
    });
    const askForRelay = async () => {
      try {
        // One job per `every` seconds across all instances; the instance that created it takes it at once.
        const id = await boss.sendThrottled(RELAY_QUEUE, {}, { retryLimit: 0 }, every);
        if (id) boss.notifyWorker(workerId);
      } catch (error) {
        log(`[jobs] could not queue the outbox relay: ${(error as Error).message}`);
      }
    };
    const timer = setInterval(() => void askForRelay(), every * 1000);
    timer.unref();
    void askForRelay();
    stopRelay = () => clearInterval(timer);
  }

  return {
    boss,
    stop: async (timeoutMs = 10_000) => {
      stopRelay();
      await boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    },
  };
}
