import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { UserFacingError } from "@/lib/core/errors";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { reportContentFields } from "@/lib/reports/report-record";
import type { LeadReviewInput } from "./schemas";
import { decideReport, type DecidedReport } from "./report-decision";

/** Only staff of the report's task's 牵头单位, and only while the report waits for it. */
function checkLeadReviewer(user: SessionUser) {
  return (report: DecidedReport) => {
    if (user.unitId === null || report.task.leadUnitId !== user.unitId) {
      throw new UserFacingError(`${report.name}：只有该任务牵头单位的填报人可以审核`);
    }
    if (report.status !== "SUBMITTED" || report.reviewStage !== "LEAD") {
      const where = report.status === "SUBMITTED" ? "已转省生态环境厅审核" : REPORT_STATUS_LABELS[report.status];
      throw new UserFacingError(`${report.name}的报告${where}，不在牵头单位审核环节`);
    }
  };
}

/** The lead unit passes reports on to 省生态环境厅 or returns them with a comment, all or none. */
export async function leadReviewReports(input: LeadReviewInput, user: SessionUser): Promise<number> {
  if (user.role !== "STAFF" || user.unitId === null) throw new UserFacingError("只有牵头单位的填报人可以审核");
  const now = new Date();
  const pass = input.decision === "pass";
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) {
      await decideReport(tx, ref, user, now, {
        from: "SUBMITTED",
        status: pass ? "SUBMITTED" : "RETURNED",
        stage: pass ? "FINAL" : null,
        comment: input.comment ? `牵头单位意见：${input.comment}` : null,
        action: pass ? "report.pass_on" : "report.lead_return",
        check: checkLeadReviewer(user),
      });
    }
  });
  return input.reports.length;
}

/** The lead unit's desk: reports of the tasks it leads that wait for it, with what they say. */
export async function listLeadDesk(user: SessionUser) {
  if (user.role !== "STAFF" || user.unitId === null) return [];
  return db.progressReport.findMany({
    where: { status: "SUBMITTED", reviewStage: "LEAD", task: { leadUnitId: user.unitId } },
    orderBy: [{ task: { number: "asc" } }, { year: "desc" }, { quarter: "desc" }, { unit: { sortOrder: "asc" } }],
    select: {
      ...reportContentFields,
      task: { select: { number: true, title: true } },
      unit: { select: { shortName: true } },
    },
  });
}
