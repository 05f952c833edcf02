"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { milestoneCheckSchema, taskUnitCheckSchema } from "./schemas";
import { recordMilestoneCheck, recordTaskUnitCheck } from "./checks";

export const recordTaskUnitCheckAction = validatedAction("report:review", taskUnitCheckSchema, async (input, user) => {
  await recordTaskUnitCheck(input, user);
  revalidatePath("/review/checks");
  return input.passed ? "已记录销号核查：通过，该项计为已完成。" : "已记录销号核查：未通过，已退回单位重新报告。";
});

export const recordMilestoneCheckAction = validatedAction("report:review", milestoneCheckSchema, async (input, user) => {
  await recordMilestoneCheck(input, user);
  revalidatePath("/review/checks");
  revalidatePath("/tasks", "layout");
  return input.passed ? "已记录销号核查：通过，该节点为已完成（已核查）。" : "已记录销号核查：未通过，节点已重新打开，单位将看到核查发现。";
});
