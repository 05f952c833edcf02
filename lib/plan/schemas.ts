/** Edits of the plan itself: which responsible unit leads a task. */
import { z } from "@/lib/core/zod";
import { lineSchema, taskNumberSchema, versionSchema } from "@/lib/core/schemas";

export const setLeadUnitSchema = z.object({
  taskNumber: taskNumberSchema,
  /** Empty: no lead unit. */
  unitCode: lineSchema("单位代码").max(32, "单位代码无效"),
  version: versionSchema,
});
export type SetLeadUnitInput = z.infer<typeof setLeadUnitSchema>;
