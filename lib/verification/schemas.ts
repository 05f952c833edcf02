/** 销号核查: what the reviewer records about a claimed completion. */
import { z } from "@/lib/core/zod";
import { idSchema, taskNumberSchema, textSchema, unitCodeSchema } from "@/lib/core/schemas";

export const CHECK_METHOD_LABELS = { DOCUMENTS: "资料核查", ON_SITE: "现场核查", UNANNOUNCED: "明察暗访" } as const;
export type CheckMethod = keyof typeof CHECK_METHOD_LABELS;

const checkFields = {
  checkedOn: z.iso.date({ message: "请填写核查日期" }),
  method: z.enum(["DOCUMENTS", "ON_SITE", "UNANNOUNCED"], { message: "请选择核查方式" }),
  passed: z.enum(["yes", "no"], { message: "请选择核查结论" }).transform((value) => value === "yes"),
  finding: textSchema("核查发现").min(1, "请填写核查发现").max(2000, "核查发现不能超过 2000 字"),
  /** A document (PDF, Word, Excel) or none: no photo walls. */
  file: z
    .instanceof(File)
    .optional()
    .transform((file) => (file && file.size > 0 ? file : undefined)),
};

/** A task as carried by one unit, whose latest accepted report says 已完成. */
export const taskUnitCheckSchema = z.object({ taskNumber: taskNumberSchema, unitCode: unitCodeSchema(), ...checkFields });
export type TaskUnitCheckInput = z.output<typeof taskUnitCheckSchema>;

/** A measure or a milestone (the measures' pages). */
export const measureCheckSchema = z.object({ measureId: idSchema("举措无效"), ...checkFields });
export const milestoneCheckSchema = z.object({ milestoneId: idSchema("节点无效"), ...checkFields });
export type MeasureCheckInput = z.output<typeof measureCheckSchema>;
export type MilestoneCheckInput = z.output<typeof milestoneCheckSchema>;
export type CheckFields = Omit<TaskUnitCheckInput, "taskNumber" | "unitCode">;
