import { PROGRESS_STATE_LABELS, type ProgressState } from "@/lib/status/status-rules";
import { areaIndicatorName } from "@/lib/indicators/observation-keys";

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
    </dl>
  );
}
