/** What changed between two saved versions of a report, field by field, in the form's words. */
import { PROGRESS_STATE_LABELS, REPORT_STATUS_LABELS, type ProgressState, type ReportStatus } from "@/lib/status/status-rules";

export interface SnapshotLike {
  status: ReportStatus;
  progressState: ProgressState;
  percent: number;
  progress: string;
  problems: string;
  nextSteps: string;
  reviewComment: string | null;
  figures: { indicator: string; value: string; period: string; note: string }[];
  evidence: { fileName: string; sha256: string }[];
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const figuresText = (snapshot: SnapshotLike) =>
  snapshot.figures
    .map((figure) => `${figure.indicator}=${figure.value}（${figure.period}${figure.note ? `，${figure.note}` : ""}）`)
    .join("；");

const FIELDS: [string, (snapshot: SnapshotLike) => string][] = [
  ["状态", (snapshot) => REPORT_STATUS_LABELS[snapshot.status]],
  ["进展状态", (snapshot) => PROGRESS_STATE_LABELS[snapshot.progressState]],
  ["完成百分比", (snapshot) => `${snapshot.percent}%`],
  ["工作进展", (snapshot) => snapshot.progress],
  ["存在问题", (snapshot) => snapshot.problems],
  ["下步计划", (snapshot) => snapshot.nextSteps],
  ["指标数值", figuresText],
  ["佐证材料", (snapshot) => snapshot.evidence.map((file) => file.fileName).join("、")],
  ["审核意见", (snapshot) => snapshot.reviewComment ?? ""],
];

export function diffSnapshots(before: SnapshotLike | null, after: SnapshotLike): FieldChange[] {
  return FIELDS.flatMap(([field, read]) => {
    const next = read(after);
    const previous = before ? read(before) : "";
    return previous === next ? [] : [{ field, before: previous, after: next }];
  });
}
