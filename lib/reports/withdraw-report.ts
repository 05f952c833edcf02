import "server-only";
import { db } from "@/lib/core/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SessionUser } from "@/lib/auth/session";
import { canWithdrawReport, reportReadScope, scopeAllows } from "@/lib/auth/roles";
import { AppError } from "@/lib/core/errors";
import { formatChinaTime } from "@/lib/core/dates";
import { staleWriteError, versionedUpdateSql, writtenOrStale, type StaleWrite } from "@/lib/core/versioned-update";
import {
  lastReportWriter,
  loadReport,
  quarterOfRow,
  reportFields,
  revisionAndAudit,
  snapshotOf,
  type ReportRow,
  type ReportSnapshot,
} from "./report-record";
import type { WithdrawReportInput } from "./schemas";

/**
 * 撤回: staff take their unit's submitted report back before the reviewer acts on it, to change
 * it and submit it again. It becomes a DRAFT — not RETURNED, which means the reviewer sent it back
 * with a comment: a withdrawn report has not been reviewed, must not be listed among "returned"
 * reports nor turn the next submission into a "resubmission", and, like any draft, is out of the
 * reviewer's sight and no longer counts as submitted (its submission time is cleared).
 */

/** Why a report that no longer awaits review cannot be withdrawn, naming who decided on it. */
function notWithdrawable(report: ReportRow): AppError {
  const by = report.reviewedBy && report.reviewedAt ? `${report.reviewedBy.displayName} 已于 ${formatChinaTime(report.reviewedAt)} ` : "已";
  switch (report.status) {
    case "ACCEPTED":
      return new AppError("CONFLICT", `撤回未成功：${by}审核通过了该报告，审核后不能再撤回。`);
    case "RETURNED":
      return new AppError("CONFLICT", `撤回未成功：${by}退回了该报告，无需撤回，可直接修改后重新提交。`);
    default:
      return new AppError("CONFLICT", "该报告是草稿（尚未提交或已撤回），无需撤回。");
  }
}

/** Withdraws a submitted report the user saw at `input.version`; refused once the reviewer has acted. */
export async function withdrawReport(input: WithdrawReportInput, user: SessionUser) {
  const now = new Date();
  return db.$transaction(async (tx) => {
    const report = await tx.progressReport.findUnique({
      where: { id: input.reportId },
      select: { ...reportFields, task: { select: { number: true } } },
    });
    // A report the user may not read is, to them, one that does not exist.
    if (!report || !scopeAllows(reportReadScope(user), report)) throw new AppError("NOT_FOUND", "报告不存在");
    if (!canWithdrawReport(user, report)) {
      throw user.role === "STAFF" && user.unitId === report.unitId
        ? notWithdrawable(report)
        : new AppError("FORBIDDEN", "只有本单位的填报人可以撤回报告");
    }
    const stale: StaleWrite = {
      lastChange: lastReportWriter(report.id),
      message: ({ who, when }) => `撤回未成功：${who} 已于 ${when} 修改了该报告，请刷新后查看。`,
    };
    if (report.version !== input.version) throw await staleWriteError(tx, stale);
    const before = snapshotOf(report);
    const after: ReportSnapshot = { ...before, status: "DRAFT" };
    // Conditioned on the version and on still awaiting review: a decision committed meanwhile wins.
    const write = versionedUpdateSql(
      "ProgressReport",
      { id: report.id, version: input.version },
      Prisma.sql`status = 'DRAFT', "submittedAt" = NULL, "updatedById" = ${user.id}, "updatedAt" = ${now}`,
      { returning: Prisma.sql`id, version, status`, condition: Prisma.sql`status = 'SUBMITTED'` },
    );
    const [withdrawn] = await tx.$queryRaw<{ id: number; version: number }[]>`
      WITH report AS (${write}), ${revisionAndAudit("report.withdraw", user.id, now, before, after)}
      SELECT id, version FROM report`;
    if (!withdrawn) {
      // Decided by the reviewer while this ran: say so (this new statement sees their commit).
      const decided = await loadReport(tx, { id: report.id });
      if (decided && decided.status !== "SUBMITTED") throw notWithdrawable(decided);
    }
    const { version } = await writtenOrStale(tx, withdrawn, stale);
    return { id: report.id, version, taskNumber: report.task.number, quarter: quarterOfRow(report) };
  });
}
