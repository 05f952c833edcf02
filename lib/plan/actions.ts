"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { amendTaskSchema, cancelAmendmentSchema, setLeadUnitSchema } from "./schemas";
import { setTaskLeadUnit } from "./lead-unit";
import { amendTask, cancelAmendment } from "./amendments";

export const setLeadUnitAction = validatedAction("plan:edit", setLeadUnitSchema, async (input, user) => {
  await setTaskLeadUnit(input, user.id);
  revalidatePath(`/tasks/${input.taskNumber}`);
  revalidatePath("/tasks");
  return input.unitCode ? "已设置牵头单位。" : "已清除牵头单位。";
});

export const amendTaskAction = validatedAction("plan:edit", amendTaskSchema, async (input, user) => {
  const message = await amendTask(input, user.id);
  revalidatePath(`/tasks/${input.taskNumber}`);
  revalidatePath("/tasks");
  revalidatePath("/admin/amendments");
  return message;
});

export const cancelAmendmentAction = validatedAction("plan:edit", cancelAmendmentSchema, async (input, user) => {
  const message = await cancelAmendment(input, user.id);
  revalidatePath(`/tasks/${input.taskNumber}`);
  revalidatePath(`/admin/amendments/${input.taskNumber}`);
  revalidatePath("/admin/amendments");
  return message;
});
