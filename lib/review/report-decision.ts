import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { formatQuarter, quarterLabel } from "@/lib/core/quarters";
import { staleWriteError, versionedUpdateSql, writtenOrStale } from "@/lib/core/versioned-update";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  lastReportWriter,
  quarterOfRow,
  reportFields,
  revisionAndAudit,
  snapshotOf,
  type ReportRow,
  type ReportSnapshot,
  type Tx,
} from "@/lib/reports/report-record";
import { UserFacingError } from "@/lib/core/errors";
import { NOTICE_KINDS } from "@/lib/notices/kinds";
import { notify, settleNotices, usersOfUnit } from "@/lib/notices/notify";
import { SUBJECTS } from "@/lib/notices/notice-rules";
import type { ReviewStep } from "./review-chain";

/** A stored report as a decision sees it: the report, its task's lead unit, and how it is named in messages. */
export type DecidedReport = ReportRow & { task: { number: number; title: string; leadUnitId: number | null }; name: string };

/**
 * One step of a report's review (accept, return, pass on, unlock; see review-chain.ts): checked
 * against the version the actor saw, written with `WHERE version = $v`, with its revision and audit row in the same
 * statement. A step that sends the report back to its unit (return, the lead unit's return, unlock)
 * notifies the unit's staff at once, in the same transaction. Returns the report as it was before.
 */
export async function decideReport(
  tx: Tx,
  ref: { id: number; version: number },
  actor: SessionUser,
  now: Date,
  step: ReviewStep,
  action: string,
): Promise<DecidedReport> {
  const row = await tx.progressReport.findUnique({
    where: { id: ref.id },
    select: { ...reportFields, task: { select: { number: true, title: true, leadUnitId: true } }, unit: { select: { shortName: true } } },
  });
  if (!row) throw new UserFacingError(`报告 ${ref.id} 不存在`);
  const report: DecidedReport = { ...row, name: `任务 ${row.task.number}（${row.unit.shortName}，${formatQuarter(quarterOfRow(row))}）` };
  const stale = {
    lastChange: lastReportWriter(report.id),
    message: ({ who, when }: { who: string; when: string }) => `${report.name}的报告已于 ${when} 被 ${who} 修改，请刷新后再审核。`,
  };
  // Changed since the actor saw it (resubmitted, or decided by someone else): say by whom.
  if (report.version !== ref.version) throw await staleWriteError(tx, stale);
  step.check({ status: report.status, reviewStage: report.reviewStage, leadUnitId: report.task.leadUnitId, name: report.name });
  const before = snapshotOf(report);
  const after: ReportSnapshot = { ...before, status: step.status, reviewComment: step.comment };
  const write = versionedUpdateSql(
    "ProgressReport",
    { id: report.id, version: ref.version },
    Prisma.sql`status = ${step.status}::"ReportStatus", "reviewComment" = ${step.comment}, "reviewStage" = ${step.stage}::"ReviewStage",
               "reviewedById" = ${actor.id}, "reviewedAt" = ${now}, "updatedById" = ${actor.id}, "updatedAt" = ${now}`,
    { returning: Prisma.sql`id, version, status`, condition: Prisma.sql`status = ${step.from}::"ReportStatus"` },
  );
  const [updated] = await tx.$queryRaw<{ id: number }[]>`
    WITH report AS (${write}), ${revisionAndAudit(action, actor.id, now, before, after)}
    SELECT id FROM report`;
  await writtenOrStale(tx, updated, stale);
  // Decided: the reminders that it waited for this reviewer are settled.
  await settleNotices(tx, SUBJECTS.reportReview(report.id));
  if (step.status === "RETURNED") await notifyReturned(tx, report, step, ref.version + 1);
  return report;
}

const RETURNED_BY: Record<string, string> = { return: "省生态环境厅退回", lead_return: "牵头单位退回", unlock: "省生态环境厅解锁并退回" };

/** An urgent notice to the unit's staff: which report came back, from whom, with the comment, and where to fix it. */
async function notifyReturned(tx: Tx, report: DecidedReport, step: ReviewStep, version: number): Promise<void> {
  const quarter = quarterLabel(quarterOfRow(report));
  const by = RETURNED_BY[step.kind] ?? "退回";
  await notify(tx, await usersOfUnit(tx, report.unitId), {
    kind: NOTICE_KINDS.reportReturned,
    title: `进展报告被退回：任务 ${report.task.number}（${quarter}）`,
    body: [
      `您单位报送的任务 ${report.task.number}“${report.task.title}”${quarter}进展报告已被${by}。`,
      `意见：${step.comment ?? "（未填写）"}`,
      "请按意见修改后重新提交。",
    ].join("\n"),
    href: `/reports/${report.id}`,
    urgent: true,
    dedupeKey: `${NOTICE_KINDS.reportReturned}:${report.id}:v${version}`,
    subject: `ProgressReport:${report.id}`,
  });
}
