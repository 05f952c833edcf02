/** Inputs of quarterly progress reporting: the report form and the progress query (API, review desk, exports). */
import { z } from "@/lib/core/zod";
import {
  DECIMAL,
  idSchema,
  INDICATOR_CODE,
  PERIOD,
  quarterSchema,
  percentSchema,
  sectionSchema,
  taskNumberSchema,
  textSchema,
  unitCodeSchema,
  versionSchema,
} from "@/lib/core/schemas";

export const PROGRESS_STATES = ["NOT_STARTED", "ON_TRACK", "BEHIND", "COMPLETED"] as const;
export const REPORT_STATUSES = ["DRAFT", "SUBMITTED", "RETURNED", "ACCEPTED"] as const;
export const TEXT_LIMIT = 5000;
/** The most reports one list (queue, history, API answer) returns. */
export const REPORT_LIST_LIMIT = 1000;

const optionalText = (label: string) => textSchema(label).max(TEXT_LIMIT, `${label}不能超过 ${TEXT_LIMIT} 字`).optional().default("");

const figureNoteSchema = textSchema("说明").max(500, "说明不能超过 500 字");
/** A figure for one indicator: empty value means "not reported this time". */
const FIGURE_KEY = /^figure\.([^.]+)\.(value|period|note)$/;

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
    percent: percentSchema(),
    progress: textSchema("工作进展", "请填写工作进展").min(1, "请填写工作进展").max(TEXT_LIMIT, `工作进展不能超过 ${TEXT_LIMIT} 字`),
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
      if (!DECIMAL.test(raw)) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.value`], message: "指标数值须为数字，最多 4 位小数" });
      }
      if (!PERIOD.test(figureField(value, code, "period"))) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.period`], message: "请填写数值所属期间，如 2026 或 2026Q3" });
      }
      for (const issue of figureNoteSchema.safeParse(figureField(value, code, "note")).error?.issues ?? []) {
        ctx.addIssue({ code: "custom", path: [`figure.${code}.note`], message: issue.message });
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
      .map((code): FigureInput => ({
        indicatorCode: code,
        value: Number(figureField(value, code, "value")),
        period: figureField(value, code, "period"),
        note: figureField(value, code, "note"),
      })),
  }));
export type SaveReportInput = z.output<typeof saveReportSchema>;

function figureCodes(value: Record<string, unknown>): string[] {
  const codes = new Set<string>();
  for (const key of Object.keys(value)) {
    const match = FIGURE_KEY.exec(key);
    if (match && INDICATOR_CODE.test(match[1]!)) codes.add(match[1]!);
  }
  return [...codes].sort();
}

function figureField(value: Record<string, unknown>, code: string, field: "value" | "period" | "note"): string {
  const raw = value[`figure.${code}.${field}`];
  return typeof raw === "string" ? raw.trim() : "";
}

/** 撤回: the report and the version the user saw (the withdrawal is refused if it has moved on). */
export const withdrawReportSchema = z.object({ reportId: idSchema("报告编号无效"), version: versionSchema });
export type WithdrawReportInput = z.output<typeof withdrawReportSchema>;

/** Query of GET /api/v1/progress, of the reviewer's queue and of the reports export. */
export const progressQuerySchema = z.object({
  quarter: quarterSchema.optional(),
  unit: unitCodeSchema("unit 应为单位代码").optional(),
  task: taskNumberSchema.optional(),
  section: sectionSchema("section 应为 1–5").optional(),
  city: unitCodeSchema("city 应为设区市代码").optional(),
  status: z.enum(REPORT_STATUSES, { message: "status 无效" }).optional(),
});
export type ProgressQuery = z.output<typeof progressQuerySchema>;
