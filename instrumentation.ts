/**
 * Next.js calls register() once when a server instance starts: a wrong configuration stops it
 * there, naming the variable (lib/core/env.ts), before it serves a request; then the job queue
 * starts (lib/jobs/start-jobs.ts): the day's status snapshot and the other scheduled jobs, and the
 * relay that sends notices.
 */
export async function register() {
  // NEXT_RUNTIME is not configuration: Next defines it per bundle at build time, and this literal
  // test is what lets it leave the Node-only imports below out of an edge bundle.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { envOrExit } = await import("./lib/core/env");
  // A throw here would only fail each request (Next logs it and keeps listening); exit instead.
  const config = envOrExit();
  // `next start` run directly says it too (scripts/start.ts warns before starting the app).
  if (config.APP_TODAY) console.warn(`[meili] APP_TODAY=${config.APP_TODAY}: the app judges deadlines and milestone lights as on that day`);
  const { startServerJobs } = await import("./lib/jobs/start-jobs");
  startServerJobs();
}
