"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { closeIssueSchema, raiseIssueSchema, replyIssueSchema } from "./schemas";
import { closeIssue, raiseIssue, replyToIssue } from "./coordination";

export const raiseIssueAction = validatedAction("coordination:raise", raiseIssueSchema, async (input, user) => {
  const id = await raiseIssue(input, user);
  revalidatePath("/coordination");
  revalidatePath(`/tasks/${input.taskNumber}`);
  return { message: "已提出需协调事项。", redirectTo: `/coordination/${id}` };
});

export const replyIssueAction = validatedAction("coordination:read", replyIssueSchema, async (input, user) => {
  await replyToIssue(input, user);
  revalidatePath(`/coordination/${input.issueId}`);
  revalidatePath("/coordination");
  return "已答复。";
});

export const closeIssueAction = validatedAction("coordination:read", closeIssueSchema, async (input, user) => {
  await closeIssue(input, user);
  revalidatePath(`/coordination/${input.issueId}`);
  revalidatePath("/coordination");
  return "已办结。";
});
