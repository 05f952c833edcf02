import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { formatQuarter } from "@/lib/core/quarters";
import { UserFacingError } from "@/lib/core/errors";
import { staleWriteError, versionedUpdateSql, writtenOrStale } from "@/lib/core/versioned-update";
import { Prisma } from "@/lib/generated/prisma/client";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import {
  lastReportWriter,
  quarterOfRow,
  reportFields,
  revisionAndAudit,
  snapshotOf,
  type ReportSnapshot,
} from "@/lib/reports/report-record";
import type { ReviewInput } from "./schemas";
import { publishAcceptedFigures } from "@/lib/indicators/report-figures";

/** Accept or return one or several submitted reports, all or none. */
export async function reviewReports(input: ReviewInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核报告");
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) {
      const report = await tx.progressReport.findUnique({
        where: { id: ref.id },
        select: { ...reportFields, task: { select: { number: true } }, unit: { select: { shortName: true } } },
      });
      if (!report) throw new UserFacingError(`报告 ${ref.id} 不存在`);
      const name = `任务 ${report.task.number}（${report.unit.shortName}，${formatQuarter(quarterOfRow(report))}）`;
      const stale = {
        lastChange: lastReportWriter(report.id),
        message: ({ who, when }: { who: string; when: string }) => `${name}的报告已于 ${when} 被 ${who} 修改，请刷新后再审核。`,
      };
      // Changed since the reviewer saw it (resubmitted, or decided by another reviewer): say by whom.
      if (report.version !== ref.version) throw await staleWriteError(tx, stale);
      if (report.status !== "SUBMITTED") {
        throw new UserFacingError(`${name}的报告${REPORT_STATUS_LABELS[report.status]}，只能审核待审核的报告`);
      }
      const status = input.decision === "accept" ? "ACCEPTED" : "RETURNED";
      const before = snapshotOf(report);
      const after: ReportSnapshot = { ...before, status, reviewComment: input.comment || null };
      const write = versionedUpdateSql(
        "ProgressReport",
        { id: report.id, version: ref.version },
        Prisma.sql`status = ${status}::"ReportStatus", "reviewComment" = ${after.reviewComment}, "reviewedById" = ${reviewer.id}, "reviewedAt" = ${now},
                   "updatedById" = ${reviewer.id}, "updatedAt" = ${now}`,
        { returning: Prisma.sql`id, version, status`, condition: Prisma.sql`status = 'SUBMITTED'` },
      );
      const [updated] = await tx.$queryRaw<{ id: number }[]>`
        WITH report AS (${write}), ${revisionAndAudit(input.decision === "accept" ? "report.accept" : "report.return", reviewer.id, now, before, after)}
        SELECT id FROM report`;
      await writtenOrStale(tx, updated, stale);
      // 报一次: what the report says of its indicators becomes their accepted values.
      if (status === "ACCEPTED") await publishAcceptedFigures(tx, report.id, reviewer, now);
    }
  });
  return input.reports.length;
}
