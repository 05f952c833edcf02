"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { observationSchema, reviewObservationSchema } from "@/lib/indicators/schemas";
import { reviewObservations, submitObservation } from "@/lib/indicators/observations";

export const submitObservationAction = validatedAction("report:write", observationSchema, async (input, user) => {
  await submitObservation(input, user);
  revalidatePath(`/indicators/${input.indicatorCode}`);
  return "已提交，省生态环境厅审核通过后计入统计。";
});

export const reviewObservationAction = validatedAction("report:review", reviewObservationSchema, async (input, user) => {
  const count = await reviewObservations(input, user);
  revalidatePath("/review/observations");
  return `已${input.decision === "accept" ? "审核通过" : "退回"} ${count} 条指标数据。`;
});
