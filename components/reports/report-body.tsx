import { PROGRESS_STATE_LABELS, type ProgressState } from "@/lib/status/status-rules";
import { areaIndicatorName } from "@/lib/indicators/observation-keys";
import { formatChineseDate, formatIsoDate } from "@/lib/core/dates";
import { MILESTONE_OUTCOME_LABELS, type MilestoneOutcome } from "@/lib/reports/milestone-outcomes";

export interface ReportBodyData {
  progressState: ProgressState;
  percent: number;
  progress: string;
  problems: string;
  nextSteps: string;
  figures: {
    value: { toString(): string };
    period: string;
    note: string;
    /** A data-quality warning given at entry, flagged for the reviewer. */
    warning?: string | null;
    indicator: { code: string; name: string; measureUnit: string };
  }[];
  /** 节点: what the report records of its quarter's milestones. */
  milestoneEntries?: {
    milestoneId: number;
    outcome: MilestoneOutcome;
    doneDate: Date | null;
    reason: string | null;
    newDate: Date | null;
    milestone: { title: string; plannedDate: Date; deliverable: string };
  }[];
}

const day = (date: Date) => formatChineseDate(formatIsoDate(date));

function entryText(entry: NonNullable<ReportBodyData["milestoneEntries"]>[number]): string {
  switch (entry.outcome) {
    case "DONE":
      return `已完成（${entry.doneDate ? day(entry.doneDate) : "—"}）`;
    case "LATE":
      return `滞后：${entry.reason ?? ""}；新的计划完成日期 ${entry.newDate ? day(entry.newDate) : "—"}`;
    case "DROPPED":
      return `已取消：${entry.reason ?? ""}`;
    default:
      return MILESTONE_OUTCOME_LABELS.PLANNED;
  }
}

/** The content of one report, as read by reviewers and leaders (and printed). */
export function ReportBody({ report, cityName = null }: { report: ReportBodyData; cityName?: string | null }) {
  return (
    <dl className="space-y-3">
      <div>
        <dt className="text-sm text-slate-600">进展状态 / 完成百分比</dt>
        <dd>
          {PROGRESS_STATE_LABELS[report.progressState]} · {report.percent}%
        </dd>
      </div>
      {(
        [
          ["工作进展", report.progress],
          ["存在问题", report.problems],
          ["下步计划", report.nextSteps],
        ] as const
      ).map(([label, text]) => (
        <div key={label}>
          <dt className="text-sm text-slate-600">{label}</dt>
          <dd className="whitespace-pre-wrap leading-7">{text || "—"}</dd>
        </div>
      ))}
      <div>
        <dt className="text-sm text-slate-600">指标数值</dt>
        <dd>
          {report.figures.length === 0 ? (
            "—"
          ) : (
            <ul>
              {report.figures.map((figure) => (
                <li key={figure.indicator.code}>
                  {areaIndicatorName(figure.indicator.name, cityName)}：{figure.value.toString()} {figure.indicator.measureUnit}（
                  {figure.period}）{figure.note && `，${figure.note}`}
                  {figure.warning && (
                    <span className="ml-2 rounded bg-amber-50 px-2 py-0.5 text-sm text-amber-900">⚠ 数值提示：{figure.warning}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      {report.milestoneEntries && report.milestoneEntries.length > 0 && (
        <div>
          <dt className="text-sm text-slate-600">节点完成情况</dt>
          <dd>
            <ul>
              {report.milestoneEntries.map((entry) => (
                <li key={entry.milestoneId}>
                  {entry.milestone.title}（计划 {day(entry.milestone.plannedDate)}，完成标志：{entry.milestone.deliverable}）：
                  {entryText(entry)}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}
