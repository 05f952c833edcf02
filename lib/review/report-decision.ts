import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { formatQuarter } from "@/lib/core/quarters";
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
import type { ReviewStep } from "./review-chain";

/** A stored report as a decision sees it: the report, its task's lead unit, and how it is named in messages. */
export type DecidedReport = ReportRow & { task: { number: number; leadUnitId: number | null }; name: string };

/**
 * One step of a report's review (accept, return, pass on, unlock; see review-chain.ts): checked
 * against the version the actor saw, written with `WHERE version = $v`, with its revision and audit row in the same
 * statement. Returns the report as it was before.
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
    select: { ...reportFields, task: { select: { number: true, leadUnitId: true } }, unit: { select: { shortName: true } } },
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
  return report;
}
