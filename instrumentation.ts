/** Next.js calls register() once when a server instance starts. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.STATUS_SNAPSHOT_SCHEDULE === "off") return;
  const { scheduleSnapshotPreparation } = await import("./lib/status/status-schedule");
  scheduleSnapshotPreparation();
}
