/**
 * Inputs of 成效考核: the scheme form (its repeated item and grade rows arrive as flat fields and
 * are checked by schemeSchema), starting and recomputing a year, a unit's self-assessment, the
 * reviewer's scores, unlocking a confirmed result, and the API's path. The sheets' per-item fields
 * are named by item code (self.ON_TIME, reason.RESPONSIBILITY); the data layer checks each value
 * against its item's points, because only it knows the scheme.
 */
import { z } from "@/lib/core/zod";
import { isoDateSchema, textSchema, unitCodeSchema, versionSchema, yearSchema } from "@/lib/core/schemas";
import { schemeSchema, type SchemeInput } from "./scheme";

export const NO_SUCH_ASSESSMENT = "该年度尚未制定成效考核方案";

export const AssessmentPathSchema = z.object({
  year: yearSchema("年度无效：年份应为 2024–2035，如 /api/v1/assessments/2025").meta({ description: "考核年度", examples: [2025] }),
});

const reasonText = (label: string, limit: number) => textSchema(label).max(limit, `${label}不能超过 ${limit} 字`).optional().default("");

/** The flat name a scheme field carries: i.0.points, g.1.min, or a top-level name. */
export function schemeFieldName(path: readonly PropertyKey[]): string {
  const [head, index, field] = path;
  if (head === "items" && index !== undefined) return field === undefined ? "items" : `i.${String(index)}.${String(field)}`;
  if (head === "grades" && index !== undefined) return field === undefined ? "grades" : `g.${String(index)}.${String(field)}`;
  return String(head ?? "_form");
}

const ITEM_FIELD = /^i\.(\d{1,2})\.(code|name|kind|points|metric|description)$/;
const GRADE_FIELD = /^g\.(\d)\.(grade|min)$/;

/** Rows of one repeated group, in order of their index (gaps from removed rows closed). */
function rowsOf(input: Record<string, unknown>, pattern: RegExp): Record<string, unknown>[] {
  const rows = new Map<number, Record<string, unknown>>();
  for (const [key, value] of Object.entries(input)) {
    const match = pattern.exec(key);
    if (match) rows.set(Number(match[1]), { ...rows.get(Number(match[1])), [match[2]!]: value });
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/**
 * The scheme form: the scheme version it was loaded from (0: none yet), why it changes (required by
 * the data layer once scoring has started), and the scheme itself.
 */
export const schemeFormSchema = z
  .object({})
  .catchall(z.unknown())
  .transform((value, ctx): SchemeInput & { basedOn: number; reason: string } => {
    const head = z.object({ basedOn: versionSchema, reason: reasonText("修改原因", 500) }).safeParse(value);
    const items = rowsOf(value, ITEM_FIELD).map((row) => ({
      ...row,
      metric: row.metric === "" || row.metric === undefined ? null : row.metric,
    }));
    const scheme = schemeSchema.safeParse({ ...value, items, grades: rowsOf(value, GRADE_FIELD) });
    if (head.success && scheme.success) return { ...scheme.data, ...head.data };
    for (const issue of [...(head.error?.issues ?? []), ...(scheme.error?.issues ?? [])]) {
      ctx.addIssue({ code: "custom", path: [schemeFieldName(issue.path)], message: issue.message });
    }
    return z.NEVER;
  });
export type SchemeFormInput = z.output<typeof schemeFormSchema>;

/** Start scoring a year: lock its scheme and compute the automatic items as of a day. */
export const startAssessmentSchema = z.object({
  year: yearSchema(),
  asOf: isoDateSchema("请填写计算日期，如 2026-01-31"),
});
export type StartAssessmentInput = z.output<typeof startAssessmentSchema>;

/** Per-item fields of a score sheet, keyed by item code. */
const ITEM_VALUE = /^(self|selfReason|selfEvidence|score|reason)\.([A-Z][A-Z0-9_]{1,31})$/;

export interface SheetEntry {
  /** A score as typed ("" when left empty), checked against the item's points by the data layer. */
  value: string;
  reason: string;
  evidence: File | null;
}

function entriesOf(input: Record<string, unknown>, valueKey: "self" | "score", reasonKey: "selfReason" | "reason") {
  const entries = new Map<string, SheetEntry>();
  const entry = (code: string) => {
    let found = entries.get(code);
    if (!found) entries.set(code, (found = { value: "", reason: "", evidence: null }));
    return found;
  };
  for (const [key, raw] of Object.entries(input)) {
    const match = ITEM_VALUE.exec(key);
    if (!match) continue;
    const [, field, code] = match as unknown as [string, string, string];
    if (field === valueKey && typeof raw === "string") entry(code).value = raw.trim();
    if (field === reasonKey && typeof raw === "string") entry(code).reason = raw;
    // An empty file input sends an empty File: no file.
    if (field === "selfEvidence" && valueKey === "self" && raw instanceof File && raw.size > 0) entry(code).evidence = raw;
  }
  return entries;
}

const sheetHead = {
  year: yearSchema(),
  unit: unitCodeSchema(),
  version: versionSchema,
};

/** The unit's self-assessment: save a draft or submit it to 省生态环境厅. */
export const selfAssessmentSchema = z
  .object({ ...sheetHead, intent: z.enum(["save", "submit"], { message: "请选择保存或提交自评" }) })
  .catchall(z.unknown())
  .transform((value) => ({
    year: value.year,
    unit: value.unit,
    version: value.version,
    intent: value.intent,
    entries: entriesOf(value, "self", "selfReason"),
  }));
export type SelfAssessmentInput = z.output<typeof selfAssessmentSchema>;

/** The reviewer's scores: save them, or confirm the result (every item scored; locks it). */
export const scoreSheetSchema = z
  .object({ ...sheetHead, intent: z.enum(["save", "confirm"], { message: "请选择保存或确认结果" }) })
  .catchall(z.unknown())
  .transform((value) => ({
    year: value.year,
    unit: value.unit,
    version: value.version,
    intent: value.intent,
    entries: entriesOf(value, "score", "reason"),
  }));
export type ScoreSheetInput = z.output<typeof scoreSheetSchema>;

/** Unlocking a confirmed result needs a reason (audited); it goes back to scoring. */
export const unlockResultSchema = z.object({
  ...sheetHead,
  reason: textSchema("解锁原因").min(1, "请填写解锁原因").max(500, "解锁原因不能超过 500 字"),
});
export type UnlockResultInput = z.output<typeof unlockResultSchema>;

/** Page path of one unit's sheet: /assessment/2025/units/nanchang. */
export const SheetPathSchema = z.object({ year: yearSchema(), unit: unitCodeSchema() });
