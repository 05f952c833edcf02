/**
 * What changed between two saved versions of a report, field by field, in the form's words; and,
 * after a stale save, where the user's text differs from the version someone else saved.
 * Pure and safe to import in client components.
 */
import type { StaleWriteData } from "@/lib/core/versioned-update";
import { PROGRESS_STATE_LABELS, REPORT_STATUS_LABELS, type ProgressState, type ReportStatus } from "@/lib/status/status-rules";
import { MILESTONE_OUTCOME_LABELS, type MilestoneOutcome } from "./milestone-outcomes";

export interface FigureLike {
  indicator: string;
  value: string;
  period: string;
  note: string;
}

/** What the report form edits. `percent` is a string while it is still being typed. */
export interface ReportContent {
  progressState: ProgressState;
  percent: number | string;
  progress: string;
  problems: string;
  nextSteps: string;
  figures: FigureLike[];
}

export interface SnapshotLike extends ReportContent {
  status: ReportStatus;
  percent: number;
  reviewComment: string | null;
  evidence: { fileName: string; sha256: string }[];
  /** 节点 entries (absent in revisions written before reports recorded milestones). */
  milestones?: MilestoneEntryLike[];
}

export interface MilestoneEntryLike {
  milestone: number;
  title: string;
  outcome: MilestoneOutcome;
  doneDate: string | null;
  reason: string | null;
  newDate: string | null;
}

function milestoneEntryText(entry: MilestoneEntryLike): string {
  const detail =
    entry.outcome === "DONE"
      ? `（${entry.doneDate ?? ""}）`
      : entry.outcome === "LATE"
        ? `（${entry.reason ?? ""}，新日期 ${entry.newDate ?? ""}）`
        : entry.outcome === "DROPPED"
          ? `（${entry.reason ?? ""}）`
          : "";
  return `${entry.title}：${MILESTONE_OUTCOME_LABELS[entry.outcome] ?? entry.outcome}${detail}`;
}

export interface FieldChange {
  field: string;
  before: string;
  after: string;
}

const figureText = (figure: FigureLike) => `${figure.value}（${figure.period}${figure.note ? `，${figure.note}` : ""}）`;

const figuresText = (snapshot: SnapshotLike) => snapshot.figures.map((figure) => `${figure.indicator}=${figureText(figure)}`).join("；");

/** The form's own fields: the name each has in the form, its label, and how it reads. */
const CONTENT_FIELDS: [keyof ReportContent, string, (content: ReportContent) => string][] = [
  ["progressState", "进展状态", (content) => PROGRESS_STATE_LABELS[content.progressState] ?? content.progressState],
  ["percent", "完成百分比", (content) => `${content.percent}%`],
  ["progress", "工作进展", (content) => content.progress],
  ["problems", "存在问题", (content) => content.problems],
  ["nextSteps", "下步计划", (content) => content.nextSteps],
];

const FIELDS: [string, (snapshot: SnapshotLike) => string][] = [
  ["状态", (snapshot) => REPORT_STATUS_LABELS[snapshot.status]],
  ...CONTENT_FIELDS.map(([, label, read]): [string, (snapshot: SnapshotLike) => string] => [label, read]),
  ["指标数值", figuresText],
  ["佐证材料", (snapshot) => snapshot.evidence.map((file) => file.fileName).join("、")],
  ["节点完成情况", (snapshot) => (snapshot.milestones ?? []).map(milestoneEntryText).join("；")],
  ["审核意见", (snapshot) => snapshot.reviewComment ?? ""],
];

export function diffSnapshots(before: SnapshotLike | null, after: SnapshotLike): FieldChange[] {
  return FIELDS.flatMap(([field, read]) => {
    const next = read(after);
    const previous = before ? read(before) : "";
    return previous === next ? [] : [{ field, before: previous, after: next }];
  });
}

/** A whole number or a decimal as the database keeps it ("41.50" and "41.5" are one value); other text as it is. */
function canonicalNumber(raw: string): string {
  const text = raw.trim();
  return /^-?\d+(\.\d+)?$/.test(text) ? String(Number(text)) : text;
}

/** The content as a save would store it: texts trimmed, numbers canonical, figures without a value left out. */
function asSaved(content: ReportContent): ReportContent {
  return {
    progressState: content.progressState,
    percent: canonicalNumber(String(content.percent)),
    progress: content.progress.trim(),
    problems: content.problems.trim(),
    nextSteps: content.nextSteps.trim(),
    figures: content.figures
      .filter((figure) => figure.value.trim() !== "")
      .map((figure) => ({
        indicator: figure.indicator,
        value: canonicalNumber(figure.value),
        period: figure.period.trim(),
        note: figure.note.trim(),
      })),
  };
}

/** One field of the report form where the user's text and another version differ. */
export interface ContentDifference {
  /** The form field it stands for, or `figure.<code>` for an indicator's value, period and note. */
  key: string;
  label: string;
  theirs: string;
  mine: string;
}

/**
 * The fields in which `mine` (the user's form) differs from `theirs` (a version someone else
 * saved), in the form's order, each indicator on its own. Equal as saved counts as equal.
 */
export function contentDifferences(
  theirs: ReportContent,
  mine: ReportContent,
  indicators: { code: string; name: string }[],
): ContentDifference[] {
  const [other, own] = [asSaved(theirs), asSaved(mine)];
  const fields = CONTENT_FIELDS.map(([key, label, read]) => ({ key, label, theirs: read(other), mine: read(own) }));
  const figureOf = (content: ReportContent, code: string) => {
    const figure = content.figures.find((candidate) => candidate.indicator === code);
    return figure ? figureText(figure) : "未填写";
  };
  const names = new Map(indicators.map((indicator) => [indicator.code, indicator.name]));
  const codes = new Set([
    ...names.keys(),
    ...other.figures.map((figure) => figure.indicator),
    ...own.figures.map((figure) => figure.indicator),
  ]);
  const figures = [...codes].map((code) => ({
    key: `figure.${code}`,
    label: `指标：${names.get(code) ?? code}`,
    theirs: figureOf(other, code),
    mine: figureOf(own, code),
  }));
  return [...fields, ...figures].filter((field) => field.theirs !== field.mine);
}

const FIGURE_FIELD = /^figure\.([^.]+)\.value$/;

/** The report form's fields as sent (FormData's text entries) as a ReportContent. */
export function contentOfForm(values: Record<string, string>): ReportContent {
  const codes = Object.keys(values).flatMap((key) => FIGURE_FIELD.exec(key)?.[1] ?? []);
  return {
    progressState: (values.progressState ?? "") as ProgressState,
    percent: values.percent ?? "",
    progress: values.progress ?? "",
    problems: values.problems ?? "",
    nextSteps: values.nextSteps ?? "",
    figures: codes.map((code) => ({
      indicator: code,
      value: values[`figure.${code}.value`] ?? "",
      period: values[`figure.${code}.period`] ?? "",
      note: values[`figure.${code}.note`] ?? "",
    })),
  };
}

/** The version of a report someone else saved, as a stale save's refusal carries it. */
export type ReportConflict = StaleWriteData<SnapshotLike & { editable: boolean }>;

/** The other person's version from a refusal's data, if it carries one. */
export function reportConflictOf(data: unknown): ReportConflict | null {
  if (typeof data !== "object" || data === null) return null;
  const candidate = data as Partial<ReportConflict>;
  return typeof candidate.version === "number" && typeof candidate.who === "string" && typeof candidate.record === "object"
    ? (candidate as ReportConflict)
    : null;
}
