/** 督办: moving a unit up the ladder, its response (落实情况), closing a step, and the ledger's filters. */
import { z } from "@/lib/core/zod";
import {
  idSchema,
  isoDateSchema,
  pathNumber,
  quarterSchema,
  taskNumberSchema,
  textSchema,
  unitCodeSchema,
  versionSchema,
} from "@/lib/core/schemas";
import { compareQuarters, PLAN_FIRST_QUARTER } from "@/lib/core/quarters";
import { ESCALATION_STEPS } from "./rules";

const detailText = (label: string, max: number) =>
  textSchema(label, `请填写${label}`).min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

/** An optional form field: empty means absent. */
const optional = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(""), schema])
    .optional()
    .transform((value) => (value === "" || value === undefined ? undefined : (value as z.output<T>)));

const planQuarter = quarterSchema.refine(
  (quarter) => compareQuarters(quarter, PLAN_FIRST_QUARTER) >= 0,
  "季度不能早于 2024Q3（实施意见印发后的第一个季度）",
);

export const escalateSchema = z
  .object({
    unit: unitCodeSchema("请选择督办对象"),
    task: optional(taskNumberSchema),
    quarter: optional(planQuarter),
    step: z.enum(ESCALATION_STEPS, { error: "请选择督办方式" }),
    reason: detailText("督办事由", 1000),
    requiredAction: detailText("整改要求", 1000),
    deadline: isoDateSchema("请填写有效的整改期限"),
    /** The open step the form was loaded with (on a step's page), so a step changed meanwhile is not moved up blindly. */
    previousId: optional(idSchema("上一步督办编号无效")),
    previousVersion: optional(versionSchema),
  })
  .superRefine((input, ctx) => {
    if (input.task === undefined && input.quarter === undefined) {
      ctx.addIssue({ code: "custom", path: ["task"], message: "请填写任务编号或选择季度（至少一项）" });
    }
  });
export type EscalateInput = z.output<typeof escalateSchema>;

export const respondSchema = z.object({
  escalationId: idSchema("督办编号无效"),
  version: versionSchema,
  response: detailText("落实情况", 2000),
});
export type RespondInput = z.output<typeof respondSchema>;

export const closeSchema = z.object({
  escalationId: idSchema("督办编号无效"),
  version: versionSchema,
  outcome: detailText("办结结果", 1000),
});
export type CloseInput = z.output<typeof closeSchema>;

export const ESCALATION_STATES = ["open", "closed"] as const;
export const STATE_LABELS: Record<(typeof ESCALATION_STATES)[number], string> = { open: "未办结", closed: "已办结" };

/** The ledger's view, kept in the URL: level, open or closed, unit (and task, from a task's page). */
export const escalationFiltersSchema = z.object({
  level: z.enum(ESCALATION_STEPS, { error: "督办方式无效" }).optional(),
  state: z.enum(ESCALATION_STATES, { error: "状态无效" }).optional(),
  unit: unitCodeSchema().optional(),
  task: taskNumberSchema.optional(),
});
export type EscalationFilters = z.output<typeof escalationFiltersSchema>;

export const NO_SUCH_ESCALATION = "该督办事项不存在";

/** The step a path names (/escalations/12, /api/escalations/12/docx): digits only. */
export const escalationIdSchema = idSchema(NO_SUCH_ESCALATION);
export const EscalationPathSchema = z.object({ id: pathNumber(escalationIdSchema, NO_SUCH_ESCALATION) });
