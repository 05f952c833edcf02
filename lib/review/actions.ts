"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { conflictDecisionSchema, reviewObservationSchema, reviewSchema } from "./schemas";
import { decideConflict } from "@/lib/indicators/observation-conflicts";
import { reviewReports } from "./review-reports";
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
