/**
 * The small input rules every feature shares, written once: free text, identifiers, quarters,
 * years, percentages, versions, and the one parser of URL search parameters used by pages and
 * routes. Feature schemas compose these; none of them writes its own regex for a code or a number.
 */
import { z } from "./zod";
import { parseQuarter, type Quarter } from "./quarters";
import { BIDI_CONTROLS, hasXmlInvalid } from "./text";

/** Tab, line breaks, DEL, the C1 controls and the Unicode line and paragraph separators: fine in prose, never in a name. */
const LINE_CONTROLS = /[\t\n\r\u007f-\u009f\u2028\u2029]/;

/** True when the text holds nothing an .xlsx or .docx cannot (C0 controls but tab and line breaks, U+FFFE, U+FFFF, lone surrogates). */
export const isStorableText = (text: string): boolean => !hasXmlInvalid(text);

const readsOnOneLine = (text: string): boolean => !LINE_CONTROLS.test(text) && text.search(BIDI_CONTROLS) === -1;

/** True when the text is also one line that reads in the order it is stored (no bidirectional controls): a name, a file name. */
export const isSingleLineText = (text: string): boolean => isStorableText(text) && readsOnOneLine(text);

/**
 * Free text a user types (report text, comments, the narrative, notes), the one rule for every
 * text field: trimmed, and never a character an Excel export or the Word report could not hold
 * (lib/core/text.ts). The field adds its own length rules: `textSchema("工作进展").min(1, …).max(…)`.
 */
export const textSchema = (label: string, message?: string) =>
  z
    .string(message ? { message } : undefined)
    .trim()
    .refine(isStorableText, `${label}不能包含控制字符或无法保存的字符（如 U+0000、U+FFFE）`);

/**
 * A name on one line (display names, usernames, token names): textSchema's rule, and no tab, line
 * break or bidirectional control either, which would let a name display as something else.
 */
export const lineSchema = (label: string, message?: string) =>
  textSchema(label, message).refine(readsOnOneLine, `${label}不能包含换行、制表符或文字方向控制字符`);

/** The plan's years: from its issue (2024) to its horizon (2035). */
export const PLAN_FIRST_YEAR = 2024;
export const PLAN_LAST_YEAR = 2035;

/** A unit's code (`fgw`, `nanchang`): lower-case letters, digits and underscores. */
export const UNIT_CODE = /^[a-z0-9_]{2,32}$/;
/** An indicator's code (`PM25`, `FOREST_COVER`). */
export const INDICATOR_CODE = /^[A-Z0-9_]{2,64}$/;
/** A decimal as typed in a form or a cell: at most 10 integer and 4 decimal digits. */
export const DECIMAL = /^-?\d{1,10}(\.\d{1,4})?$/;
/** A period a value refers to: a year (2026) or a quarter (2026Q3). */
export const PERIOD = /^(\d{4})(?:Q([1-4]))?$/;

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

/** A year of the plan, 2024–2035, with the message a field or a parameter needs. */
export const yearSchema = (message = `年份应为 ${PLAN_FIRST_YEAR}–${PLAN_LAST_YEAR}`) =>
  z.coerce.number({ message }).int(message).min(PLAN_FIRST_YEAR, message).max(PLAN_LAST_YEAR, message);

/** One of the annex's five sections. */
export const sectionSchema = (message = "篇章应为 1–5") => z.coerce.number({ message }).int(message).min(1, message).max(5, message);

export const unitCodeSchema = (message = "单位代码无效") => z.string().trim().regex(UNIT_CODE, message);

export const indicatorCodeSchema = (message = "指标代码无效") => z.string().trim().regex(INDICATOR_CODE, message);

export const percentSchema = (message = "完成百分比须为 0–100 的整数") =>
  z.coerce.number({ message }).int(message).min(0, message).max(100, message);

/** A database id sent by a form or in a path. */
export const idSchema = (message: string) => z.coerce.number({ message }).int(message).min(1, message).max(2_147_483_647, message);

const DIGITS = /^\d{1,10}$/;

/**
 * A path segment naming a record by number: decimal digits only — "1e1", "0x1" or "1.5" name no
 * record (404) — then the shared rule for the number (`taskNumberSchema`, `idSchema`, …), which
 * is also what the document shows.
 */
export const pathNumber = <Schema extends z.ZodType<number>>(schema: Schema, message: string) =>
  z.preprocess((segment, ctx) => {
    if (typeof segment === "string" && DIGITS.test(segment)) return segment;
    ctx.addIssue({ code: "custom", message, input: segment });
    return z.NEVER;
  }, schema);

/** The record number a path segment or a spreadsheet cell names (digits only), or null when it names none. */
export function parseRecordNumber(schema: z.ZodType<number>, segment: string): number | null {
  const parsed = pathNumber(schema, "").safeParse(segment);
  return parsed.success ? parsed.data : null;
}

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-02" and a day that exists: no 2 月 30 日 (which Date.parse would roll into March). */
export function isRealIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date as a date field sends it ("2026-12-02"), and a real one (no 2 月 30 日). */
export const isoDateSchema = (message: string) => z.string({ message }).trim().refine(isRealIsoDate, message);

/** The version a form was loaded with (optimistic concurrency). */
export const versionSchema = z.coerce.number({ message: "版本号无效" }).int("版本号无效").min(0, "版本号无效");

/** "2026" (a whole year, quarter 0) or "2026Q3". */
export const periodSchema = z
  .string({ message: "请填写期间" })
  .trim()
  .transform((value, ctx) => {
    const match = PERIOD.exec(value.toUpperCase());
    if (!match) {
      ctx.addIssue({ code: "custom", message: "期间应为年份（如 2026）或季度（如 2026Q3）" });
      return z.NEVER;
    }
    return { year: Number(match[1]), quarter: match[2] ? Number(match[2]) : 0 };
  });

/** One or many values of a repeated form field (ticked checkboxes). */
export const manyOf = <T extends z.ZodType>(item: T) =>
  z.union([item, z.array(item)]).transform((value) => (Array.isArray(value) ? value : [value]));

/** "id:version" of a record the user saw, so a decision on a changed record is refused. */
export const recordRefSchema = z
  .string()
  .regex(/^\d{1,9}:\d{1,9}$/, "报告标识无效")
  .transform((value) => {
    const [id, version] = value.split(":").map(Number) as [number, number];
    return { id, version };
  });

/** A set of ticked records, at least one. */
export const recordRefsSchema = (emptyMessage: string) =>
  manyOf(recordRefSchema).pipe(z.array(z.object({ id: z.number(), version: z.number() })).min(1, emptyMessage));

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * The one reader of URL search parameters, for pages (Next's `searchParams` object) and routes
 * (`URLSearchParams`): a repeated parameter counts once (its first value), an empty one is absent,
 * and one holding a character text never may (a NUL from `%00`) fails the parse before any schema
 * or database query sees it. (An undecodable `%FF` never gets here: proxy.ts refuses the request.)
 */
export function parseSearchParams<Schema extends z.ZodType>(
  schema: Schema,
  params: SearchParamsInput,
): z.ZodSafeParseResult<z.output<Schema>> {
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const raw: Record<string, string> = {};
  const refused: z.core.$ZodIssue[] = [];
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined || key in raw) continue;
    if (!isStorableText(key) || !isStorableText(first)) {
      const message = isStorableText(key) ? `查询参数 ${key} 不能包含控制字符或无效字符` : "查询参数名不能包含控制字符或无效字符";
      refused.push({ code: "custom", path: [key], message, input: first });
    } else if (first.trim() !== "") raw[key] = first;
  }
  if (refused.length) return { success: false, error: new z.ZodError(refused) as z.ZodError<z.output<Schema>> };
  return schema.safeParse(raw);
}

/** The issues of a failed parse as one Chinese sentence. */
export function issuesText(error: z.ZodError): string {
  return [...new Set(error.issues.map((issue) => issue.message))].join("；");
}

/** Next's `searchParams` object as URLSearchParams (first value of each), to keep filters in links. */
export function toURLSearchParams(params: SearchParamsInput): URLSearchParams {
  if (params instanceof URLSearchParams) return new URLSearchParams(params);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) search.set(key, first);
  }
  return search;
}
