import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import type { ReviewInput, UnlockInput } from "./schemas";
import { publishAcceptedFigures } from "@/lib/indicators/report-figures";
import { decideReport } from "./report-decision";
import { reviewStep } from "./review-chain";

/** Accept or return one or several submitted reports, all or none; a report still with its 牵头单位 is not the reviewer's yet. */
export async function reviewReports(input: ReviewInput, reviewer: SessionUser): Promise<number> {
  const accept = input.decision === "accept";
  const step = reviewStep(accept ? "accept" : "return", reviewer, "报告", input.comment);
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) {
      const report = await decideReport(tx, ref, reviewer, now, step, accept ? "report.accept" : "report.return");
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
  const step = reviewStep("unlock", reviewer, "报告", input.reason);
  await db.$transaction((tx) => decideReport(tx, input.report, reviewer, new Date(), step, "report.unlock"));
}
