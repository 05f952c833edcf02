import Link from "next/link";
import type { IndicatorTaskItem } from "@/lib/indicators/indicator-tasks";
import { REPORTS_PER_TASK } from "@/lib/indicators/indicator-tasks";
import { quarterLabel } from "@/lib/core/quarters";
import { parsePeriod, periodLabel } from "@/lib/indicators/observation-keys";
import { PROGRESS_STATE_LABELS } from "@/lib/status/status-rules";

/** "2026" → "2026年", "2026Q3" → "2026年第三季度" (a figure's period as stored). */
function figurePeriod(period: string): string {
  const parsed = parsePeriod(period);
  return parsed ? periodLabel(parsed) : period;
}

/** The tasks whose work moves the indicator, each with its latest accepted reports. */
export function IndicatorTasks({
  tasks,
  measureUnit,
  readsReports,
}: {
  tasks: IndicatorTaskItem[];
  measureUnit: string;
  readsReports: boolean;
}) {
  if (tasks.length === 0) return <p className="mt-2 text-slate-600">本指标未关联重点任务。</p>;
  return (
    <ul className="mt-3 space-y-4">
      {tasks.map((task) => (
        <li key={task.number} className="rounded border border-slate-200 p-3">
          <h3 className="font-medium">
            <Link href={`/tasks/${task.number}`} className="text-blue-800 hover:underline">
              任务 {task.number}：{task.title}
            </Link>
            <span className="ml-2 text-sm font-normal text-slate-600">完成时限：{task.deadlineText}</span>
          </h3>
          {!readsReports ? null : task.reports.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">尚无审核通过的进展报告。</p>
          ) : (
            <>
              <ul aria-label={`任务 ${task.number} 审核通过的进展报告`} className="mt-2 space-y-1 text-sm">
                {task.reports.map((report) => (
                  <li key={report.id}>
                    <Link href={`/reports/${report.id}`} className="text-blue-800 hover:underline">
                      {report.unit.shortName} · {quarterLabel(report.quarter)}
                    </Link>
                    <span className="ml-2 text-slate-700">
                      {PROGRESS_STATE_LABELS[report.progressState]}，完成 {report.percent}%
                      {report.figure && `；本指标填报 ${report.figure.value} ${measureUnit}（${figurePeriod(report.figure.period)}）`}
                    </span>
                  </li>
                ))}
              </ul>
              {task.acceptedCount > task.reports.length && (
                <p className="mt-1 text-sm text-slate-600">
                  共 {task.acceptedCount} 份，显示最新 {REPORTS_PER_TASK} 份；
                  <Link href={`/tasks/${task.number}`} className="text-blue-800 hover:underline">
                    在任务页查看全部
                  </Link>
                </p>
              )}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
