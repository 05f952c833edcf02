"use server";
import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/core/action";
import { reminderSchema } from "./schemas";
import { sendReminders } from "./reminders";

export const reminderAction = validatedAction("report:review", reminderSchema, async (input, user) => {
  const count = await sendReminders(input, user);
  revalidatePath("/reminders");
  return `已向 ${count} 个单位发出${input.level === "CIRCULATE" ? "通报" : "催办"}。`;
});
