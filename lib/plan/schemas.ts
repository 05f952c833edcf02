/** Edits of the plan itself: which responsible unit leads a task. */
import { z } from "@/lib/core/zod";
import { lineSchema, taskNumberSchema, versionSchema } from "@/lib/core/schemas";

export const setLeadUnitSchema = z.object({
  taskNumber: taskNumberSchema,
  /** Empty: no lead unit. */
  unitCode: lineSchema("单位代码").max(32, "单位代码无效"),
  /** Review levels for the task's reports: 1 (省生态环境厅 only) or 2 (the lead unit first). */
  reviewLevels: z.enum(["1", "2"], { message: "请选择审核层级" }).default("1").transform(Number),
  version: versionSchema,
});
export type SetLeadUnitInput = z.infer<typeof setLeadUnitSchema>;
