/** 催办 and 通报 sent by the reviewer to ticked units about a quarter. */
import { z } from "@/lib/core/zod";
import { manyOf, quarterSchema, textSchema, unitCodeSchema } from "@/lib/core/schemas";

export const REMINDER_LEVELS = ["REMIND", "CIRCULATE"] as const;

export const reminderSchema = z.object({
  units: manyOf(unitCodeSchema()).pipe(z.array(z.string()).min(1, "请至少选择一个单位")),
  quarter: quarterSchema,
  level: z.enum(REMINDER_LEVELS, { message: "请选择催办或通报" }),
  message: textSchema("催办内容", "请填写催办内容").min(1, "请填写催办内容").max(500, "催办内容不能超过 500 字"),
});
export type ReminderInput = z.output<typeof reminderSchema>;
