/**
 * Inputs of quarterly progress reporting: the report form, review decisions, reminders, the
 * reporting-window setting, API tokens and the progress API's query. Shared by actions, routes
 * and (later) Excel import.
 */
import { z } from "../core/zod";
import { parseQuarter, type Quarter } from "@/lib/core/quarters";

export const PROGRESS_STATES = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED"] as const;
export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"] as const;
export const REMINDER_LEVELS = ["REMIND", "CIRCULATE"] as const;
export const TEXT_LIMIT = 5000;

export const quarterSchema = z
  .string({ message: "请选择季度" })
  .trim()
  .transform((value, ctx): Quarter => {
    const quarter = parseQuarter(value);
    if (!quarter) {
      ctx.addIssue({ code: "custom", message: "季度格式应为 2026Q3" });
      return z.NEVER;
    }
    return quarter;
  });

export const taskNumberSchema = z.coerce
  .number({ message: "任务编号无效" })
  .int("任务编号无效")
  .min(1, "任务编号无效")
  .max(999, "任务编号无效");

const versionSchema = z.coerce.number({ message: "版本号无效" }).int("版本号无效").min(0, "版本号无效");
const optionalText = (label: string) =>
  z
    .string()
    .trim()
    .max(TEXT_LIMIT, `${label}不能超过 ${TEXT_LIMIT} 字`)
    .optional()
    .default("");

/** A figure for one indicator: empty value means "not reported this time". */
const FIGURE_KEY = /^figure\.([A-Z0-9_]+)\.(value|period|note)$/;
const PERIOD = /^\d{4}(Q[1-4])?$/;

export interface FigureInput {
  indicatorCode: string;
  value: number;
  period: string;
  note: string;
}

export const saveReportSchema = z
  .object({
    taskNumber: taskNumberSchema,
    quarter: quarterSchema,
    version: versionSchema,
    intent: z.enum(["save", "submit"], { message: "操作无效" }).default("save"),
    /** Idempotency key chosen by the form: a retry of the same request is not applied twice. */
    requestId: z.string().uuid("请求标识无效").optional(),
    progressState: z.enum(PROGRESS_STATES, { message: "请选择进展状态" }),
    percent: z.coerce
      .number({ message: "完成百分比须为 0–100 的整数" })
      .int("完成百分比须为 0–100 的整数")
      .min(0, "完成百分比须为 0–100 的整数")
      .max(100, "完成百分比须为 0–100 的整数"),
    progress: z.string({ message: "请填写工作进展" }).trim().min(1, "请填写工作进展").max(TEXT_LIMIT, `工作进展不能超过 ${TEXT_LIMIT} 字`),
    problems: optionalText("存在问题"),
    nextSteps: optionalText("下步计划"),
  })
  .catchall(z.unknown())
  .superRefine((value, ctx) => {
    if (value.progressState === "COMPLETED" && value.percent !== 100) {
      ctx.addIssue({ code: "custom", path: ["percent"], message: "进展状态为已完成时，完成百分比应为 100" });
    }
    for (const code of figureCodes(value)) {
      const raw = figureField(value, code, "value");
      if (raw === "") continue;
      if (!/^-?\d{1,10}(\.\d{1,4})?$/.test(raw)) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.value`], message: "指标数值须为数字，最多 4 位小数" });
      }
      if (!PERIOD.test(figureField(value, code, "period"))) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.period`], message: "请填写数值所属期间，如 2026 或 2026Q3" });
      }
      if (figureField(value, code, "note").length > 500) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.note`], message: "说明不能超过 500 字" });
      }
    }
  })
  .transform((value) => ({
    taskNumber: value.taskNumber,
    quarter: value.quarter,
    version: value.version,
    intent: value.intent,
    requestId: value.requestId,
    progressState: value.progressState,
    percent: value.percent,
    progress: value.progress,
    problems: value.problems,
    nextSteps: value.nextSteps,
    figures: figureCodes(value)
      .filter((code) => figureField(value, code, "value") !== "")
      .map(
        (code): FigureInput => ({
          indicatorCode: code,
          value: Number(figureField(value, code, "value")),
          period: figureField(value, code, "period"),
          note: figureField(value, code, "note"),
        }),
      ),
  }));
export type SaveReportInput = z.output<typeof saveReportSchema>;

function figureCodes(value: Record<string, unknown>): string[] {
  const codes = new Set<string>();
  for (const key of Object.keys(value)) {
    const match = FIGURE_KEY.exec(key);
    if (match) codes.add(match[1]!);
  }
  return [...codes].sort();
}

function figureField(value: Record<string, unknown>, code: string, field: "value" | "period" | "note"): string {
  const raw = value[`figure.${code}.${field}`];
  return typeof raw === "string" ? raw.trim() : "";
}

/** One or many values of a repeated form field. */
const manyOf = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** "id:version" of a report the reviewer saw, so a decision on a changed report is refused. */
const reportRefSchema = z
  .string()
  .regex(/^\d+:\d+$/, "报告标识无效")
  .transform((value) => {
    const [id, version] = value.split(":").map(Number) as [number, number];
    return { id, version };
  });

export const reviewSchema = z
  .object({
    reports: manyOf(reportRefSchema).pipe(z.array(z.object({ id: z.number(), version: z.number() })).min(1, "请至少选择一份报告")),
    decision: z.enum(["accept", "return"], { message: "请选择通过或退回" }),
    comment: z.string().trim().max(2000, "审核意见不能超过 2000 字").optional().default(""),
    /** A report page to come back to; only this app's own report pages, never an outside address. */
    returnTo: z
      .string()
      .regex(/^\/reports\/\d{1,9}$/, "返回地址无效")
      .optional(),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "return" && !value.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请填写审核意见" });
    }
  });
export type ReviewInput = z.output<typeof reviewSchema>;

export const reminderSchema = z.object({
  units: manyOf(z.string().trim().regex(/^[a-z0-9_]{2,32}$/, "单位代码无效")).pipe(z.array(z.string()).min(1, "请至少选择一个单位")),
  quarter: quarterSchema,
  level: z.enum(REMINDER_LEVELS, { message: "请选择催办或通报" }),
  message: z.string().trim().min(1, "请填写催办内容").max(500, "催办内容不能超过 500 字"),
});
export type ReminderInput = z.output<typeof reminderSchema>;

export const windowSettingSchema = z.object({
  windowDays: z.coerce.number({ message: "请填写 0–60 之间的天数" }).int("请填写整数天数").min(0, "请填写 0–60 之间的天数").max(60, "请填写 0–60 之间的天数"),
  version: versionSchema,
});
export type WindowSettingInput = z.output<typeof windowSettingSchema>;

export const apiTokenSchema = z.object({
  name: z.string().trim().min(1, "请填写令牌用途").max(50, "名称不能超过 50 字"),
});

export const revokeTokenSchema = z.object({ id: z.coerce.number().int().min(1, "令牌无效") });

export const evidenceSchema = z.object({
  reportId: z.coerce.number({ message: "报告无效" }).int().min(1, "报告无效"),
  file: z.instanceof(File, { message: "请选择要上传的文件" }).refine((file) => file.size > 0, "请选择要上传的文件"),
});

export const removeEvidenceSchema = z.object({
  fileId: z.coerce.number({ message: "文件无效" }).int().min(1, "文件无效"),
});

/** Query of GET /api/v1/progress and of the reviewer's queue. */
export const progressQuerySchema = z.object({
  quarter: quarterSchema.optional(),
  unit: z.string().trim().regex(/^[a-z0-9_]{2,32}$/, "unit 应为单位代码").optional(),
  task: taskNumberSchema.optional(),
  section: z.coerce.number({ message: "section 应为 1–5" }).int().min(1, "section 应为 1–5").max(5, "section 应为 1–5").optional(),
  city: z.string().trim().regex(/^[a-z0-9_]{2,32}$/, "city 应为设区市代码").optional(),
  status: z.enum(REPORT_STATUSES, { message: "status 无效" }).optional(),
});
export type ProgressQuery = z.output<typeof progressQuerySchema>;

export function parseProgressQuery(params: URLSearchParams) {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) if (value !== "") raw[key] = value;
  return progressQuerySchema.safeParse(raw);
}


/** "2026" (a whole year) or "2026Q3" (a quarter). */
const periodSchema = z
  .string({ message: "请填写期间" })
  .trim()
  .transform((value, ctx) => {
    const match = /^(\d{4})(?:Q([1-4]))?$/.exec(value.toUpperCase());
    if (!match) {
      ctx.addIssue({ code: "custom", message: "期间应为年份（如 2026）或季度（如 2026Q3）" });
      return z.NEVER;
    }
    return { year: Number(match[1]), quarter: match[2] ? Number(match[2]) : 0 };
  });

export const observationSchema = z.object({
  indicatorCode: z.string().trim().regex(/^[A-Z0-9_]{2,64}$/, "指标代码无效"),
  area: z.string().trim().regex(/^[a-z0-9_]{2,32}$/, "地区无效").default("province"),
  period: periodSchema,
  value: z
    .string({ message: "请填写数值" })
    .trim()
    .regex(/^-?\d{1,10}(\.\d{1,4})?$/, "数值须为数字，最多 4 位小数")
    .transform(Number),
  source: z.string().trim().min(1, "请填写数据来源").max(200, "数据来源不能超过 200 字"),
  note: z.string().trim().max(500, "说明不能超过 500 字").optional().default(""),
});
export type ObservationInput = z.output<typeof observationSchema>;

export const reviewObservationSchema = z
  .object({
    observations: manyOf(reportRefSchema).pipe(z.array(z.object({ id: z.number(), version: z.number() })).min(1, "请至少选择一条数据")),
    decision: z.enum(["accept", "return"], { message: "请选择通过或退回" }),
    comment: z.string().trim().max(2000, "审核意见不能超过 2000 字").optional().default(""),
  })
  .superRefine((value, ctx) => {
    if (value.decision === "return" && !value.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "退回时请填写审核意见" });
    }
  });
export type ReviewObservationInput = z.output<typeof reviewObservationSchema>;

export const importUploadSchema = z.object({
  file: z.instanceof(File, { message: "请选择要上传的 Excel 文件" }).refine((file) => file.size > 0, "请选择要上传的 Excel 文件"),
});

export const importConfirmSchema = z.object({
  batchId: z.coerce.number({ message: "导入记录无效" }).int().min(1, "导入记录无效"),
});

const narrativeText = (label: string) => z.string({ message: `请填写${label}` }).trim().min(1, `请填写${label}`).max(5000, `${label}不能超过 5000 字`);

export const narrativeSchema = z.object({
  year: z.coerce.number({ message: "年份无效" }).int().min(2024, "年份应为 2024–2035").max(2035, "年份应为 2024–2035"),
  version: versionSchema,
  intro: narrativeText("总体情况"),
  problems: narrativeText("存在的问题"),
  nextSteps: narrativeText("下一步工作安排"),
});
