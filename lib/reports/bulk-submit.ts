import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/core/errors";
import { chinaToday, formatQuarter } from "@/lib/core/quarters";
import { issuesText } from "@/lib/core/schemas";
import { formatIsoDate } from "@/lib/core/dates";
import { staleWriteError, type StaleWrite } from "@/lib/core/versioned-update";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { lastReportWriter, type ReportRow, type Tx } from "./report-record";
import { runReportBatch, type BatchResult } from "./report-batch";
import { reportingContext, writeReport, type RequestKey } from "./save-report";
import { saveReportSchema, type ReportBatchInput, type TodoRef } from "./schemas";

/** A stored report as the report form would send it for submission: checked by the very same schema. */
function submissionOf(report: ReportRow, ref: TodoRef) {
  const fields: Record<string, string> = {
    taskNumber: String(ref.taskNumber),
    quarter: formatQuarter(ref.quarter),
    version: String(ref.version),
    intent: "submit",
    progressState: report.progressState,
    percent: String(report.percent),
    progress: report.progress,
    problems: report.problems,
    nextSteps: report.nextSteps,
  };
  for (const figure of report.figures) {
    const base = `figure.${figure.indicator.code}`;
    fields[`${base}.value`] = figure.value.toString();
    fields[`${base}.period`] = figure.period;
    fields[`${base}.note`] = figure.note;
  }
  // The recorded milestone entries, checked again like the form's and written through at submit.
  for (const entry of report.milestoneEntries) {
    const base = `milestone.${entry.milestoneId}`;
    fields[`${base}.outcome`] = entry.outcome;
    fields[`${base}.doneDate`] = entry.doneDate ? formatIsoDate(entry.doneDate) : "";
    fields[`${base}.reason`] = entry.reason ?? "";
    fields[`${base}.newDate`] = entry.newDate ? formatIsoDate(entry.newDate) : "";
  }
  return saveReportSchema.safeParse(fields);
}

/** Submits one ticked report of a batch exactly as its form's 提交审核 would (writeReport). */
async function submitOne(tx: Tx, user: SessionUser, ref: TodoRef, request: RequestKey, today: string) {
  const { existing } = await reportingContext(tx, user, ref.taskNumber, ref.quarter, today);
  if (!existing) throw new UserFacingError("尚未填写，没有可提交的内容（可先填报，或选择“沿用上季度”）。");
  const stale: StaleWrite = {
    lastChange: lastReportWriter(existing.id),
    message: ({ who, when }) => `${who} 已于 ${when} 修改了该报告，请刷新页面核对后再提交。`,
  };
  if (existing.version !== ref.version) throw await staleWriteError(tx, stale);
  if (!canEditReport(user, existing)) throw new UserFacingError(`该报告${REPORT_STATUS_LABELS[existing.status]}，不能再提交。`);
  const submission = submissionOf(existing, ref);
  if (!submission.success) throw new UserFacingError(`${issuesText(submission.error)}。请打开该报告修改后再提交。`);
  return writeReport(tx, submission.data, user, today, { request });
}

/**
 * 批量提交: the ticked drafts (and returned reports, which may be resubmitted) of the user's unit,
 * all or none: the first that may not be submitted — not filled in, changed since the page was
 * loaded, already submitted, outside the task's reporting period, failing the form's checks —
 * refuses the batch, naming it. Each submitted report gets the revision and audit row of a single
 * submit (report.submit / report.resubmit).
 */
export async function submitReports(input: ReportBatchInput, user: SessionUser, today = chinaToday()): Promise<BatchResult> {
  return runReportBatch("submit", input, user, "提交", (tx, ref, request) => submitOne(tx, user, ref, request, today));
}
