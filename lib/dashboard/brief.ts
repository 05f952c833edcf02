import "server-only";
import { assessAllIndicators } from "@/lib/indicators/observations";
import { isLagging } from "@/lib/status/status-rules";
import { taskStatuses, unitsThatStoppedReporting, countByStatus } from "./dashboard";
import { addQuarters, formatQuarter, type Quarter } from "@/lib/core/quarters";

/**
 * 本季度变化: what changed between the close of the previous quarter's window and now (or the
 * chosen quarter): tasks that turned behind or overdue, tasks completed, indicators whose verdict
 * changed, units that stopped reporting.
 */
export async function quarterBrief(quarter?: Quarter, nowText?: string) {
  const now = await taskStatuses(quarter ? formatQuarter(quarter) : undefined, nowText);
  const before = await taskStatuses(formatQuarter(addQuarters(now.moment.collecting, -1)), nowText);
  const previous = new Map(before.tasks.map((task) => [task.number, task.status]));
  const turnedLagging = now.tasks.filter((task) => isLagging(task.status) && !isLagging(previous.get(task.number) ?? "ON_TRACK"));
  const completed = now.tasks.filter((task) => task.status === "DONE" && previous.get(task.number) !== "DONE");
  const year = (today: string) => Number(today.slice(0, 4));
  const [indicatorsNow, indicatorsBefore, stopped] = await Promise.all([
    assessAllIndicators(year(now.moment.today), now.moment.asOf),
    assessAllIndicators(year(before.moment.today), before.moment.asOf),
    unitsThatStoppedReporting(now.moment),
  ]);
  const verdictBefore = new Map(indicatorsBefore.map((item) => [item.indicator.code, item.assessment.verdict]));
  const verdictChanges = indicatorsNow
    .filter((item) => verdictBefore.get(item.indicator.code) !== item.assessment.verdict)
    .map((item) => ({
      code: item.indicator.code,
      name: item.indicator.name,
      before: verdictBefore.get(item.indicator.code) ?? "NO_DATA",
      now: item.assessment.verdict,
    }));
  return {
    now: now.moment,
    before: before.moment,
    countsNow: countByStatus(now.tasks),
    countsBefore: countByStatus(before.tasks),
    turnedLagging: turnedLagging.map((task) => ({
      number: task.number,
      title: task.title,
      before: previous.get(task.number)!,
      now: task.status,
    })),
    completed: completed.map((task) => ({ number: task.number, title: task.title })),
    verdictChanges,
    stopped,
  };
}
