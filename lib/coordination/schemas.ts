/** 需协调事项: raising a problem a unit cannot solve alone, replying to it, closing it. */
import { z } from "@/lib/core/zod";
import { idSchema, isoDateSchema, lineSchema, taskNumberSchema, textSchema, unitCodeSchema, versionSchema } from "@/lib/core/schemas";

/** The addressee field's value for the leadership (省领导) rather than a unit. */
export const TO_LEADERSHIP = "leadership";

export const COORDINATION_STATUSES = ["OPEN", "ANSWERED", "CLOSED"] as const;
export type CoordinationStatusName = (typeof COORDINATION_STATUSES)[number];
export const COORDINATION_STATUS_LABELS: Record<CoordinationStatusName, string> = {
  OPEN: "待答复",
  ANSWERED: "已答复",
  CLOSED: "已办结",
};

const detailText = (label: string, max: number) =>
  textSchema(label, `请填写${label}`).min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 字`);

export const raiseIssueSchema = z.object({
  taskNumber: taskNumberSchema,
  /** The report it is raised from, when it is raised from a saved report. */
  reportId: z.union([z.literal(""), idSchema("报告编号无效")]).optional(),
  addressedTo: z.union([z.literal(TO_LEADERSHIP), unitCodeSchema("请选择协调对象")], { error: "请选择协调对象" }),
  title: lineSchema("事项名称", "请填写事项名称").min(1, "请填写事项名称").max(100, "事项名称不能超过 100 字"),
  detail: detailText("具体问题", 2000),
  deadline: z.union([z.literal(""), isoDateSchema("请填写有效的期望办结日期")]).optional(),
});
export type RaiseIssueInput = z.infer<typeof raiseIssueSchema>;

export const replyIssueSchema = z.object({
  issueId: idSchema("事项编号无效"),
  version: versionSchema,
  text: detailText("答复内容", 2000),
});
export type ReplyIssueInput = z.infer<typeof replyIssueSchema>;

export const closeIssueSchema = z.object({
  issueId: idSchema("事项编号无效"),
  version: versionSchema,
  closingNote: detailText("办结说明", 1000),
});
export type CloseIssueInput = z.infer<typeof closeIssueSchema>;

export const coordinationFiltersSchema = z.object({
  status: z.enum(COORDINATION_STATUSES, { error: "状态无效" }).optional(),
});
export type CoordinationFilters = z.infer<typeof coordinationFiltersSchema>;
