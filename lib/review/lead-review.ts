import "server-only";
import { db } from "@/lib/core/db";
import type { SessionUser } from "@/lib/auth/session";
import { reportContentFields } from "@/lib/reports/report-record";
import type { LeadReviewInput } from "./schemas";
import { decideReport } from "./report-decision";
import { reviewStep } from "./review-chain";

/** The lead unit passes reports on to 省生态环境厅 or returns them with a comment, all or none. */
export async function leadReviewReports(input: LeadReviewInput, user: SessionUser): Promise<number> {
  const pass = input.decision === "pass";
  const step = reviewStep(pass ? "pass_on" : "lead_return", user, "报告", input.comment);
  const now = new Date();
  await db.$transaction(async (tx) => {
    for (const ref of input.reports) await decideReport(tx, ref, user, now, step, pass ? "report.pass_on" : "report.lead_return");
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
