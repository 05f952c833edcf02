/** Edits of the plan itself: which responsible unit leads a task, and the admin's amendments of a task (计划调整). */
import { z } from "@/lib/core/zod";
import {
  idSchema,
  isoDateSchema,
  lineSchema,
  manyOf,
  taskNumberSchema,
  textSchema,
  unitCodeSchema,
  versionSchema,
} from "@/lib/core/schemas";

export const setLeadUnitSchema = z.object({
  taskNumber: taskNumberSchema,
  /** Empty: no lead unit. */
  unitCode: lineSchema("单位代码").max(32, "单位代码无效"),
  /** Review levels for the task's reports: 1 (省生态环境厅 only) or 2 (the lead unit first). */
  reviewLevels: z.enum(["1", "2"], { message: "请选择审核层级" }).default("1").transform(Number),
  version: versionSchema,
});
export type SetLeadUnitInput = z.infer<typeof setLeadUnitSchema>;

/** What every amendment of the plan carries: why, on whose authority, from when, on which version of the task. */
const amendmentBase = {
  taskNumber: taskNumberSchema,
  version: versionSchema,
  reason: textSchema("调整原因", "请填写调整原因").min(1, "请填写调整原因").max(1000, "调整原因不能超过 1000 字"),
  authority: lineSchema("依据文件", "请填写依据文件文号").min(1, "请填写依据文件文号").max(100, "依据文件不能超过 100 字"),
  effectiveDate: isoDateSchema("请填写有效的生效日期"),
};

/** An admin's amendment of a task: its deadline, its responsible units or its lead unit (one kind per amendment). */
export const amendTaskSchema = z.discriminatedUnion(
  "kind",
  [
    z.object({
      ...amendmentBase,
      kind: z.literal("DEADLINE"),
      deadlineDate: isoDateSchema("请填写有效的完成时限日期"),
      deadlineText: lineSchema("完成时限表述", "请填写完成时限表述").min(1, "请填写完成时限表述").max(40, "完成时限表述不能超过 40 字"),
    }),
    z.object({
      ...amendmentBase,
      kind: z.literal("UNITS"),
      /** The full set of responsible units after the amendment (ticked checkboxes). */
      unitCodes: manyOf(unitCodeSchema()).optional().default([]),
    }),
    z.object({
      ...amendmentBase,
      kind: z.literal("LEAD_UNIT"),
      /** Empty: no lead unit. */
      unitCode: lineSchema("单位代码").max(32, "单位代码无效"),
    }),
  ],
  { error: "请选择调整类型" },
);
export type AmendTaskInput = z.infer<typeof amendTaskSchema>;

/** Withdrawing (撤销) a pending amendment before its effective date. */
export const cancelAmendmentSchema = z.object({
  taskNumber: taskNumberSchema,
  amendmentId: idSchema("调整记录编号无效"),
});
