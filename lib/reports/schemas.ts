/** Inputs of quarterly progress reporting: the report form and the progress query (API, review desk, exports). */
import { z } from "@/lib/core/zod";
import { parseQuarter, type Quarter } from "@/lib/core/quarters";
import {
  DECIMAL,
  idSchema,
  isoDateSchema,
  manyOf,
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
import { MILESTONE_OUTCOMES, type MilestoneOutcome } from "./milestone-outcomes";

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

/** A milestone of the report form: `milestone.<id>.outcome|doneDate|reason|newDate`. */
const MILESTONE_KEY = /^milestone\.(\d{1,9})\.(outcome|doneDate|reason|newDate)$/;
const MILESTONE_REASON_LIMIT = 500;
const milestoneReasonSchema = textSchema("原因").max(MILESTONE_REASON_LIMIT, `原因不能超过 ${MILESTONE_REASON_LIMIT} 字`);
const milestoneDateSchema = isoDateSchema("日期格式应为 2026-06-30");

/** One milestone entry as the report records it; only the fields its outcome needs are kept. */
export interface MilestoneEntryInput {
  milestoneId: number;
  outcome: MilestoneOutcome;
  /** DONE: the day it was done (not after today: checked on the server, which knows the day). */
  doneDate: string | null;
  /** LATE and DROPPED: why. */
  reason: string | null;
  /** LATE: the new planned date (later than the planned one: checked against the milestone). */
  newDate: string | null;
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
    for (const id of milestoneIds(value)) checkMilestoneEntry(value, id, ctx);
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
    milestones: milestoneIds(value).map((id) => milestoneEntryOf(value, id)),
  }));
export type SaveReportInput = z.output<typeof saveReportSchema>;

function milestoneIds(value: Record<string, unknown>): number[] {
  const ids = new Set<number>();
  for (const key of Object.keys(value)) {
    const match = MILESTONE_KEY.exec(key);
    if (match) ids.add(Number(match[1]));
  }
  return [...ids].filter((id) => id >= 1 && id <= 2_147_483_647).sort((a, b) => a - b);
}

const milestoneField = (value: Record<string, unknown>, id: number, field: "outcome" | "doneDate" | "reason" | "newDate") => {
  const raw = value[`milestone.${id}.${field}`];
  return typeof raw === "string" ? raw.trim() : "";
};

/** The form's rules for one milestone entry, each refusal next to its field. */
function checkMilestoneEntry(value: Record<string, unknown>, id: number, ctx: z.RefinementCtx) {
  const base = `milestone.${id}`;
  const outcome = milestoneField(value, id, "outcome");
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [`${base}.${field}`], message });
  if (!(MILESTONE_OUTCOMES as readonly string[]).includes(outcome)) return issue("outcome", "请选择节点完成情况");
  if (outcome === "DONE") {
    const doneDate = milestoneField(value, id, "doneDate");
    if (doneDate === "") issue("doneDate", "请填写完成日期");
    else if (!milestoneDateSchema.safeParse(doneDate).success) issue("doneDate", "完成日期格式应为 2026-06-30");
  }
  if (outcome === "LATE" || outcome === "DROPPED") {
    const reason = milestoneField(value, id, "reason");
    if (reason === "") issue("reason", outcome === "LATE" ? "请填写滞后原因" : "请填写取消原因");
    for (const problem of milestoneReasonSchema.safeParse(reason).error?.issues ?? []) issue("reason", problem.message);
  }
  if (outcome === "LATE") {
    const newDate = milestoneField(value, id, "newDate");
    if (newDate === "") issue("newDate", "请填写新的计划完成日期");
    else if (!milestoneDateSchema.safeParse(newDate).success) issue("newDate", "新的计划完成日期格式应为 2026-06-30");
  }
}

function milestoneEntryOf(value: Record<string, unknown>, id: number): MilestoneEntryInput {
  const outcome = milestoneField(value, id, "outcome") as MilestoneOutcome;
  return {
    milestoneId: id,
    outcome,
    doneDate: outcome === "DONE" ? milestoneField(value, id, "doneDate") : null,
    reason: outcome === "LATE" || outcome === "DROPPED" ? milestoneField(value, id, "reason") : null,
    newDate: outcome === "LATE" ? milestoneField(value, id, "newDate") : null,
  };
}

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

/**
 * A ticked row of 我的待办: "task:quarter:version" (version 0 when nothing is saved yet), so a
 * batch acting on a report someone changed since the page was loaded is refused.
 */
const todoRefSchema = z
  .string()
  .regex(/^\d{1,3}:\d{4}Q[1-4]:\d{1,9}$/, "所选报告标识无效，请刷新页面后重新选择")
  .transform((value): TodoRef => {
    const [task, quarter, version] = value.split(":") as [string, string, string];
    return { taskNumber: Number(task), quarter: parseQuarter(quarter)!, version: Number(version) };
  });

export interface TodoRef {
  taskNumber: number;
  quarter: Quarter;
  version: number;
}

/** The most reports one batch (bulk submit, carry forward) takes: a unit's tasks for two quarters. */
export const REPORT_BATCH_LIMIT = 200;

/**
 * 我的待办's batch: submit the ticked drafts, or carry last accepted text forward into them
 * ("本季度无新进展，沿用上季度") and submit; all or none. `open: "report"` sends a single carried
 * report's author to its page (the button on the report form).
 */
export const reportBatchSchema = z.object({
  intent: z.enum(["submit", "carry"], { message: "操作无效" }),
  reports: manyOf(todoRefSchema).pipe(
    z
      .array(z.custom<TodoRef>())
      .min(1, "请至少选择一份报告")
      .max(REPORT_BATCH_LIMIT, `一次最多处理 ${REPORT_BATCH_LIMIT} 份报告`)
      .refine(
        (refs) => new Set(refs.map((ref) => `${ref.taskNumber}:${ref.quarter.year}Q${ref.quarter.quarter}`)).size === refs.length,
        "同一份报告被选择了两次，请刷新页面后重新选择",
      ),
  ),
  /** Idempotency key of the batch: a retry of the same batch is not applied twice. */
  requestId: z.string().uuid("请求标识无效"),
  open: z.literal("report").optional(),
});
export type ReportBatchInput = z.output<typeof reportBatchSchema>;

/** Report states 我的待办 filters by; NONE: nothing saved yet. */
export const TODO_STATUSES = ["NONE", ...REPORT_STATUSES] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];
export const TODO_GROUPS = ["section", "status", "quarter"] as const;
export type TodoGroup = (typeof TODO_GROUPS)[number];

/** 我的待办's filters, from the URL. */
export const todoQuerySchema = z.object({
  status: z.enum(TODO_STATUSES, { message: "状态筛选无效，应为未填写、草稿、已提交待审核、已退回或已通过" }).optional(),
  quarter: quarterSchema.optional(),
  section: sectionSchema("篇章筛选应为 1–5").optional(),
  q: textSchema("搜索词").max(100, "搜索词不能超过 100 字").optional(),
  group: z.enum(TODO_GROUPS, { message: "分组方式无效，应为按篇章、按状态或按季度" }).optional(),
});
export type TodoQuery = z.output<typeof todoQuerySchema>;
