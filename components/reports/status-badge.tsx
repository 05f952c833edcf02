import { CLAIMED_DONE_LABEL, REPORT_STATUS_LABELS, STATUS_LABELS, type ReportStatus, type TaskStatus } from "@/lib/status/status-rules";

/** Traffic-light colours, always with a text label (and a shape) so colour is never the only cue. */
const TONES: Record<TaskStatus, { dot: string; box: string; mark: string }> = {
  ON_TRACK: { dot: "bg-green-600", box: "border-green-300 bg-green-50 text-green-900", mark: "●" },
  DUE_SOON: { dot: "bg-amber-500", box: "border-amber-300 bg-amber-50 text-amber-900", mark: "◆" },
  BEHIND: { dot: "bg-orange-600", box: "border-orange-300 bg-orange-50 text-orange-900", mark: "▲" },
  OVERDUE_REPORT: { dot: "bg-red-600", box: "border-red-300 bg-red-50 text-red-900", mark: "■" },
  OVERDUE: { dot: "bg-red-800", box: "border-red-400 bg-red-100 text-red-950", mark: "■" },
  DONE: { dot: "bg-sky-700", box: "border-sky-300 bg-sky-50 text-sky-900", mark: "✓" },
};

/** `verified: false` on DONE: a completion not yet confirmed by 销号核查 reads 已完成（待核查）. */
export function StatusBadge({ status, reason, verified }: { status: TaskStatus; reason?: string; verified?: boolean }) {
  const tone = TONES[status];
  return (
    <span className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-medium ${tone.box}`} title={reason}>
      <span aria-hidden="true">{tone.mark}</span>
      {status === "DONE" && verified === false ? CLAIMED_DONE_LABEL : STATUS_LABELS[status]}
      {reason && <span className="sr-only">：{reason}</span>}
    </span>
  );
}

const REPORT_TONES: Record<ReportStatus, string> = {
  DRAFT: "border-slate-300 bg-slate-50 text-slate-800",
  SUBMITTED: "border-blue-300 bg-blue-50 text-blue-900",
  RETURNED: "border-red-300 bg-red-50 text-red-900",
  ACCEPTED: "border-green-300 bg-green-50 text-green-900",
};

export function ReportStatusBadge({ status }: { status: ReportStatus | null }) {
  if (!status)
    return <span className="inline-block rounded border border-dashed border-slate-400 px-1.5 py-0.5 text-xs text-slate-700">未填写</span>;
  return (
    <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${REPORT_TONES[status]}`}>
      {REPORT_STATUS_LABELS[status]}
    </span>
  );
}
