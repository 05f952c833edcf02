"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { taskUnitCheckSchema } from "./schemas";
import { recordTaskUnitCheck } from "./checks";

export const recordTaskUnitCheckAction = validatedAction("report:review", taskUnitCheckSchema, async (input, user) => {
  await recordTaskUnitCheck(input, user);
  revalidatePath("/review/checks");
  return input.passed ? "已记录销号核查：通过，该项计为已完成。" : "已记录销号核查：未通过，已退回单位重新报告。";
});
