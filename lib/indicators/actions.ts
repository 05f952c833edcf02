"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { observationSchema } from "@/lib/indicators/schemas";
import { submitObservation } from "@/lib/indicators/observations";

export const submitObservationAction = validatedAction("report:write", observationSchema, async (input, user) => {
  const { warning } = await submitObservation(input, user);
  revalidatePath(`/indicators/${input.indicatorCode}`);
  return `已提交，省生态环境厅审核通过后计入统计。${warning ? `提示：${warning}。` : ""}`;
});
