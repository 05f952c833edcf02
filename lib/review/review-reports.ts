import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { UserFacingError } from "@/lib/core/errors";
import { REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import type { ReviewInput, UnlockInput } from "./schemas";
import { publishAcceptedFigures } from "@/lib/indicators/report-figures";
import { decideReport } from "./report-decision";

/** Accept or return one or several submitted reports, all or none; a report still with its 牵头单位 is not the reviewer's yet. */
export async function reviewReports(input: ReviewInput, reviewer: SessionUser): Promise<number> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以审核报告");
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) {
      const accept = input.decision === "accept";
      const report = await decideReport(tx, ref, reviewer, now, {
        from: "SUBMITTED",
        status: accept ? "ACCEPTED" : "RETURNED",
        stage: "FINAL",
        comment: input.comment || null,
        action: accept ? "report.accept" : "report.return",
        check: (report) => {
          if (report.status !== "SUBMITTED") {
            throw new UserFacingError(`${report.name}的报告${REPORT_STATUS_LABELS[report.status]}，只能审核待审核的报告`);
          }
          if (report.reviewStage === "LEAD") throw new UserFacingError(`${report.name}的报告尚待牵头单位审核，不能直接审核`);
        },
      });
      // 报一次: what the report says of its indicators becomes their accepted values.
      if (accept) await publishAcceptedFigures(tx, report.id, reviewer, now);
    }
  });
  return input.reports.length;
}

/**
 * Accepted data is locked; the reviewer unlocks it with a reason, which the unit reads as a
 * return comment before it resubmits. The figures the acceptance published stay published until
 * the report is accepted again (which publishes its values anew): an unlock is a question about
 * the report, not a withdrawal of the data.
 */
export async function unlockReport(input: UnlockInput, reviewer: SessionUser): Promise<void> {
  if (reviewer.role !== "REVIEWER") throw new UserFacingError("只有审核人可以解锁报告");
  await db.$transaction((tx) =>
    decideReport(tx, input.report, reviewer, new Date(), {
      from: "ACCEPTED",
      status: "RETURNED",
      stage: null,
      comment: `解锁：${input.reason}`,
      action: "report.unlock",
      check: (report) => {
        if (report.status !== "ACCEPTED")
          throw new UserFacingError(`${report.name}的报告${REPORT_STATUS_LABELS[report.status]}，只能解锁已通过的报告`);
      },
    }),
  );
}
