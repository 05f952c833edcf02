import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { canEditReport } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/core/errors";
import { chinaToday, type Quarter } from "@/lib/core/quarters";
import { staleWriteError } from "@/lib/core/versioned-update";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { db } from "@/lib/core/db";
import { carriedContentFields, lastReportWriter, quarterOfRow, type Tx } from "./report-record";
import { runReportBatch, type BatchResult } from "./report-batch";
import { reportingContext, writeReport, type RequestKey } from "./save-report";
import type { ReportBatchInput, TodoRef } from "./schemas";

/** The unit's last accepted report on the task before `quarter`: what "沿用上季度" copies. */
async function lastAcceptedReport(reader: Tx, task: { id: number } | { number: number }, unitId: number, quarter: Quarter) {
  return reader.progressReport.findFirst({
    where: {
      ...("id" in task ? { taskId: task.id } : { task: { number: task.number } }),
      unitId,
      status: "ACCEPTED",
      OR: [{ year: { lt: quarter.year } }, { year: quarter.year, quarter: { lt: quarter.quarter } }],
    },
    orderBy: [{ year: "desc" }, { quarter: "desc" }],
    select: { id: true, year: true, quarter: true, ...carriedContentFields },
  });
}

/** What the report form's 沿用上季度 button would carry: the quarter of the unit's last accepted report of the task, or null. */
export async function carrySourceFor(user: SessionUser, taskNumber: number, quarter: Quarter): Promise<Quarter | null> {
  if (user.role !== "STAFF" || user.unitId === null) return null;
  const unitId = user.unitId;
  const source = await db.$transaction((tx) => lastAcceptedReport(tx, { number: taskNumber }, unitId, quarter));
  return source && quarterOfRow(source);
}

async function carryOne(tx: Tx, user: SessionUser, ref: TodoRef, request: RequestKey, today: string) {
  const { task, unitId, existing } = await reportingContext(tx, user, ref.taskNumber, ref.quarter, today);
  if (existing) {
    if (existing.version !== ref.version) {
      throw await staleWriteError(tx, {
        lastChange: lastReportWriter(existing.id),
        message: ({ who, when }) => `${who} 已于 ${when} 修改了该报告，请刷新页面核对后再操作。`,
      });
    }
    if (!canEditReport(user, existing)) throw new UserFacingError(`该报告${REPORT_STATUS_LABELS[existing.status]}，不能再沿用上季度。`);
  }
  const source = await lastAcceptedReport(tx, { id: task.id }, unitId, ref.quarter);
  if (!source) throw new UserFacingError("本单位此前没有审核通过的该任务报告，无法沿用上季度，请直接填报。");
  const { progressState, percent, progress, problems, nextSteps } = source;
  const content = { progressState, percent, progress, problems, nextSteps };
  return writeReport(
    tx,
    {
      taskNumber: ref.taskNumber,
      quarter: ref.quarter,
      version: ref.version,
      intent: "submit",
      requestId: undefined,
      ...content,
      figures: [],
      // Milestone outcomes are never carried: a draft keeps the entries it recorded, which its submit writes through.
      milestones: [],
    },
    user,
    today,
    // Figures are not carried (each measures its own period): a new report has none, a draft keeps its own.
    { keepFigures: true, request, carriedFrom: source },
  );
}

/**
 * 本季度无新进展，沿用上季度: for each ticked report, the unit's last accepted report of the task
 * lends its 进展状态, 完成百分比, 工作进展, 存在问题 and 下步计划 to this quarter's report (created,
 * or the draft / returned report filled), which is marked as carried (carriedFromId) and submitted
 * for review — the reviewer still decides, seeing the mark. All or none; refused, naming the
 * report, when no earlier accepted report exists. Audited as report.carry_forward.
 */
export async function carryForwardReports(input: ReportBatchInput, user: SessionUser, today = chinaToday()): Promise<BatchResult> {
  return runReportBatch("carry", input, user, "沿用", (tx, ref, request) => carryOne(tx, user, ref, request, today));
}
