/**
 * Inputs of the measure lists (年度举措清单): the nested list a unit writes (the form, the Excel
 * template and tests all end up here), the flat form it arrives as, the reviewer's decision and the
 * API query. Messages are Chinese and name the field they belong to.
 */
import { z } from "@/lib/core/zod";
import { REPORT_STATUSES } from "@/lib/reports/schemas";
import {
  DECIMAL,
  idSchema,
  isRealIsoDate,
  taskNumberSchema,
  textSchema,
  unitCodeSchema,
  versionSchema,
  yearSchema,
} from "@/lib/core/schemas";

export const MEASURE_ROLES = ["LEAD", "SUPPORT"] as const;
export type MeasureRoleName = (typeof MEASURE_ROLES)[number];
export const MEASURE_ROLE_LABELS: Record<MeasureRoleName, string> = { LEAD: "牵头", SUPPORT: "配合" };

export const MILESTONE_STATUSES = ["PLANNED", "DONE", "LATE", "DROPPED"] as const;

/** The most measures one list holds and milestones one measure holds: a year's work, not a database dump. */
export const MEASURE_LIMIT = 30;
export const MILESTONE_LIMIT = 20;
const TEXT_LIMIT = 2000;
const LINE_LIMIT = 200;

const required = (label: string, limit: number) =>
  textSchema(label, `请填写${label}`).min(1, `请填写${label}`).max(limit, `${label}不能超过 ${limit} 字`);
const optionalText = (label: string, limit: number) => textSchema(label).max(limit, `${label}不能超过 ${limit} 字`).optional().default("");

/** An amount of money in 万元, optional: empty means "not given". */
const fundsSchema = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => value === "" || (DECIMAL.test(value) && Number(value) >= 0), `${label}须为不小于 0 的数字（万元），最多 4 位小数`)
    .transform((value) => (value === "" ? null : value));

const dateSchema = z
  .string({ message: "请填写计划完成日期" })
  .trim()
  .refine((value) => value !== "", "请填写计划完成日期")
  .refine((value) => value === "" || isRealIsoDate(value), "日期格式应为 2026-06-30，且须是实际存在的日期");

const optionalId = (message: string) =>
  z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((value, ctx) => {
      if (value === "") return null;
      const parsed = idSchema(message).safeParse(value);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return parsed.data;
    });

export const milestoneInputSchema = z.object({
  id: optionalId("节点标识无效，请刷新页面"),
  title: required("节点名称", LINE_LIMIT),
  plannedDate: dateSchema,
  deliverable: required("完成标志（可核查的成果）", TEXT_LIMIT),
  indicator: z
    .string()
    .trim()
    .optional()
    .default("")
    .transform((value) => (value === "" ? null : value)),
  targetValue: z
    .string()
    .trim()
    .optional()
    .default("")
    .refine((value) => value === "" || DECIMAL.test(value), "目标值须为数字，最多 4 位小数")
    .transform((value) => (value === "" ? null : value)),
});
export type MilestoneInput = z.output<typeof milestoneInputSchema>;

export const measureInputSchema = z.object({
  id: optionalId("举措标识无效，请刷新页面"),
  text: required("举措内容", TEXT_LIMIT),
  responsible: required("责任人", LINE_LIMIT),
  fundsPlanned: fundsSchema("计划资金"),
  fundsSpent: fundsSchema("已用资金"),
  fundsSource: optionalText("资金来源", LINE_LIMIT),
  milestones: z
    .array(milestoneInputSchema)
    .min(1, "每项举措至少要有一个节点")
    .max(MILESTONE_LIMIT, `每项举措最多 ${MILESTONE_LIMIT} 个节点`),
});
export type MeasureInput = z.output<typeof measureInputSchema>;

/** A whole list as the data layer takes it. */
export const measureListInputSchema = z.object({
  taskNumber: taskNumberSchema,
  year: yearSchema(),
  version: versionSchema,
  intent: z.enum(["save", "submit"], { message: "操作无效" }).default("save"),
  role: z.enum(MEASURE_ROLES, { message: "请选择本单位在该任务中的角色（牵头或配合）" }),
  /** Why an accepted list is changed: required then, ignored otherwise. */
  reason: optionalText("修改原因", TEXT_LIMIT),
  measures: z.array(measureInputSchema).min(1, "请至少填写一项举措").max(MEASURE_LIMIT, `最多 ${MEASURE_LIMIT} 项举措`),
});
export type MeasureListInput = z.output<typeof measureListInputSchema>;

/** The flat name a form field carries for a path of the nested list: m.0.text, m.0.ms.1.plannedDate. */
export function fieldNameOf(path: readonly PropertyKey[]): string {
  const [head, measure, key, milestone, field] = path;
  if (head !== "measures" || measure === undefined) return String(head ?? "_form");
  if (key === "milestones")
    return milestone === undefined ? `m.${String(measure)}.ms` : `m.${String(measure)}.ms.${String(milestone)}.${String(field ?? "title")}`;
  return key === undefined ? `m.${String(measure)}` : `m.${String(measure)}.${String(key)}`;
}

const MEASURE_FIELD = /^m\.(\d{1,2})\.(id|text|responsible|fundsPlanned|fundsSpent|fundsSource)$/;
const MILESTONE_FIELD = /^m\.(\d{1,2})\.ms\.(\d{1,2})\.(id|title|plannedDate|deliverable|indicator|targetValue)$/;

/** The repeated field groups of the form, in order of their index (gaps from removed groups closed). */
function nestedOf(input: Record<string, unknown>) {
  const measures = new Map<number, { fields: Record<string, unknown>; milestones: Map<number, Record<string, unknown>> }>();
  const measureAt = (index: number) => {
    let measure = measures.get(index);
    if (!measure) measures.set(index, (measure = { fields: {}, milestones: new Map() }));
    return measure;
  };
  for (const [key, value] of Object.entries(input)) {
    const measureMatch = MEASURE_FIELD.exec(key);
    if (measureMatch) {
      measureAt(Number(measureMatch[1])).fields[measureMatch[2]!] = value;
      continue;
    }
    const milestoneMatch = MILESTONE_FIELD.exec(key);
    if (milestoneMatch) {
      const milestones = measureAt(Number(milestoneMatch[1])).milestones;
      const index = Number(milestoneMatch[2]);
      milestones.set(index, { ...milestones.get(index), [milestoneMatch[3]!]: value });
    }
  }
  const byIndex = <T>(map: Map<number, T>) => [...map.entries()].sort(([a], [b]) => a - b).map(([, value]) => value);
  return byIndex(measures).map((measure) => ({ ...measure.fields, milestones: byIndex(measure.milestones) }));
}

/**
 * The form as sent: flat fields named by the field groups' indexes (the page renders them in order
 * from 0), turned into the nested list; every issue is reported under the flat name of its field,
 * so the form shows it next to that field.
 */
export const measureListFormSchema = z
  .object({})
  .catchall(z.unknown())
  .transform((value, ctx): MeasureListInput => {
    const parsed = measureListInputSchema.safeParse({ ...value, measures: nestedOf(value) });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [fieldNameOf(issue.path)], message: issue.message });
    return z.NEVER;
  });

/** A decision on one submitted list at the version seen; returning needs a comment the unit can act on. */
const listDecisionSchema = <const D extends readonly [string, string]>(decisions: D, message: string) =>
  z
    .object({
      listId: idSchema("举措清单编号无效"),
      version: versionSchema,
      decision: z.enum(decisions, { message }),
      comment: optionalText("审核意见", TEXT_LIMIT),
    })
    .superRefine((value, ctx) => {
      if (value.decision === "return" && value.comment === "")
        ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请填写退回意见" });
    });

/** 省生态环境厅's decision: accept or return. */
export const measureReviewSchema = listDecisionSchema(["accept", "return"], "请选择通过或退回");
export type MeasureReviewInput = z.output<typeof measureReviewSchema>;

/** The 牵头单位's decision: pass on to 省生态环境厅, or return. */
export const measureLeadReviewSchema = listDecisionSchema(["pass", "return"], "请选择转报或退回");
export type MeasureLeadReviewInput = z.output<typeof measureLeadReviewSchema>;

/** Query of GET /api/v1/measures, of the measures desk and of its Excel export. */
export const measureQuerySchema = z.object({
  unit: unitCodeSchema("unit 应为单位代码").optional(),
  task: taskNumberSchema.optional(),
  year: yearSchema("year 应为 2024–2035 的年份").optional(),
  status: z.enum(REPORT_STATUSES, { message: "status 应为 DRAFT、SUBMITTED、RETURNED 或 ACCEPTED" }).optional(),
});
export type MeasureQuery = z.output<typeof measureQuerySchema>;
