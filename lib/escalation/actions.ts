"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { closeSchema, escalateSchema, respondSchema } from "./schemas";
import { closeEscalation, escalate, respondToEscalation } from "./escalations";
import { STEP_LABELS } from "./rules";

const revalidateLedger = (id: number) => {
  revalidatePath("/escalations");
  revalidatePath(`/escalations/${id}`);
};

export const escalateAction = validatedAction("report:review", escalateSchema, async (input, user) => {
  const created = await escalate(input, user);
  revalidateLedger(created.id);
  if (input.previousId) revalidatePath(`/escalations/${input.previousId}`);
  const numbered = created.documentNumber ? `（${created.documentNumber}）` : "";
  return { message: `已发出${STEP_LABELS[input.step]}${numbered}，并已通知该单位。`, redirectTo: `/escalations/${created.id}?sent=1` };
});

export const respondAction = validatedAction("report:write", respondSchema, async (input, user) => {
  await respondToEscalation(input, user);
  revalidateLedger(input.escalationId);
  return "已填报落实情况。";
});

export const closeAction = validatedAction("report:review", closeSchema, async (input, user) => {
  await closeEscalation(input, user);
  revalidateLedger(input.escalationId);
  return "已办结。";
});
