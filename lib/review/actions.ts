"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { conflictDecisionSchema, leadReviewSchema, reviewObservationSchema, reviewSchema, unlockSchema } from "./schemas";
import { decideConflict } from "@/lib/indicators/observation-conflicts";
import { reviewReports, unlockReport } from "./review-reports";
import { leadReviewReports } from "./lead-review";
import { reviewObservations } from "./review-observations";

export const reviewAction = validatedAction("report:review", reviewSchema, async (input, user) => {
  const count = await reviewReports(input, user);
  revalidatePath("/review");
  const verb = input.decision === "accept" ? "审核通过" : "退回";
  const message = `已${verb} ${count} 份报告。`;
  // From a report's own page the review form disappears with the decision: go back to the page, saying so.
  if (input.returnTo) return { message, redirectTo: `${input.returnTo}?reviewed=${input.decision}` };
  return message;
});

export const reviewObservationAction = validatedAction("report:review", reviewObservationSchema, async (input, user) => {
  const count = await reviewObservations(input, user);
  revalidatePath("/review/observations");
  return `已${input.decision === "accept" ? "审核通过" : "退回"} ${count} 条指标数据。`;
});

export const decideConflictAction = validatedAction("report:review", conflictDecisionSchema, async (input, user) => {
  const message = await decideConflict(input, user);
  revalidatePath("/review/observations");
  return message;
});

export const leadReviewAction = validatedAction("report:lead-review", leadReviewSchema, async (input, user) => {
  const count = await leadReviewReports(input, user);
  revalidatePath("/review/lead");
  return `已${input.decision === "pass" ? "转报省生态环境厅" : "退回"} ${count} 份报告。`;
});

export const unlockReportAction = validatedAction("report:review", unlockSchema, async (input, user) => {
  await unlockReport(input, user);
  revalidatePath(`/reports/${input.report.id}`);
  revalidatePath("/review");
  return "已解锁并退回该报告，单位修改后可重新提交。已发布的指标数值保持不变，重新审核通过后再次发布。";
});
