import "server-only";
import { env } from "@/lib/core/env";
import { startJobQueue } from "./queue";
import { SCHEDULED_JOBS } from "./scheduled-jobs";

/** How long to wait before trying again when the queue cannot start (the database not reachable yet). */
const RETRY_START_MS = 60_000;

/**
 * Starts this server's share of the background work (instrumentation.ts): the job queue with the
 * scheduled jobs enabled here and the outbox relay. Returns at once; a queue that cannot start is
 * tried again every minute while the app serves, and notices wait in the outbox meanwhile.
 */
export function startServerJobs(): void {
  const config = env();
  if (config.JOB_QUEUE === "off") {
    console.log("[jobs] JOB_QUEUE=off: this instance runs no scheduled jobs and sends no notices (others may)");
    return;
  }
  const connectionString = config.DATABASE_URL;
  if (!connectionString) {
    console.warn("[jobs] DATABASE_URL is not set: no job queue");
    return;
  }
  const jobs = SCHEDULED_JOBS.filter((job) => job.enabled?.() ?? true);
  const start = async () => {
    try {
      const queue = await startJobQueue({ connectionString, jobs, relayEverySeconds: config.NOTICE_RELAY_SECONDS });
      console.log(
        `[jobs] queue started: ${jobs.map((job) => job.name).join(", ") || "no scheduled jobs"}; outbox relay every ${config.NOTICE_RELAY_SECONDS} s` +
          (config.SMTP_URL ? "" : " (SMTP_URL not set: e-mail notices are not sent)"),
      );
      // Let a running send finish before the server goes (scripts/serve.ts exits within 5 s).
      process.once("SIGTERM", () => void queue.stop(4_000).catch(() => {}));
    } catch (error) {
      console.error(
        `[jobs] the job queue did not start (${(error as Error).message}); trying again in ${RETRY_START_MS / 1000} s. ` +
          "Notices wait in the outbox meanwhile.",
      );
      setTimeout(() => void start(), RETRY_START_MS).unref();
    }
  };
  void start();
}
