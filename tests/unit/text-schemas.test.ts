/**
 * The one rule for text typed by users: characters an Excel export or the Word report cannot
 * hold are refused on input, and names also refuse line breaks and bidirectional controls, each
 * with a Chinese message naming the field. Every text field of every form schema composes it.
 */
import { describe, expect, it } from "vitest";
import { isSingleLineText, lineSchema, parseSearchParams, textSchema } from "@/lib/core/schemas";
import { apiTokenSchema, createUserSchema, setUserActiveSchema } from "@/lib/admin/schemas";
import { signInSchema } from "@/lib/auth/schemas";
import { narrativeSchema } from "@/lib/annual/schemas";
import { observationSchema } from "@/lib/indicators/schemas";
import { setLeadUnitSchema } from "@/lib/plan/schemas";
import { taskFiltersSchema } from "@/lib/plan/task-filters";
import { reminderSchema } from "@/lib/reminders/schemas";
import { saveReportSchema } from "@/lib/reports/schemas";
import { reviewSchema } from "@/lib/review/schemas";
import type { z } from "@/lib/core/zod";

const UNSTORABLE = {
  NUL: "\u0000",
  BEL: "\u0007",
  "vertical tab": "\u000b",
  ESC: "\u001b",
  "U+FFFE": "\ufffe",
  "U+FFFF": "\uffff",
  "a lone high surrogate": "\ud800",
  "a lone low surrogate": "\udc00",
};
const NOT_IN_A_NAME = {
  tab: "\t",
  "line feed": "\n",
  "carriage return": "\r",
  RLO: "\u202e",
  LRI: "\u2066",
  "line separator": "\u2028",
  DEL: "\u007f",
};

const messages = (result: z.ZodSafeParseResult<unknown>) => (result.success ? [] : result.error.issues.map((issue) => issue.message));

describe("free text (textSchema)", () => {
  const progress = textSchema("工作进展").max(20, "工作进展不能超过 20 字");

  it.each(Object.entries(UNSTORABLE))("refuses %s, naming the field", (_name, character) => {
    expect(messages(progress.safeParse(`河湖${character}治理`))).toEqual(["工作进展不能包含控制字符或无法保存的字符（如 U+0000、U+FFFE）"]);
  });

  it("keeps tabs, line breaks, emoji (a surrogate pair) and every Chinese character, trimmed", () => {
    expect(progress.safeParse("  一、完成\t80%\r\n二、🌲造林  ")).toEqual({ success: true, data: "一、完成\t80%\r\n二、🌲造林" });
  });

  it("leaves length rules to the field", () => {
    expect(messages(progress.safeParse("长".repeat(21)))).toEqual(["工作进展不能超过 20 字"]);
  });
});

describe("names on one line (lineSchema)", () => {
  const name = lineSchema("姓名");

  it.each(Object.entries(NOT_IN_A_NAME))("refuses %s inside a name", (_name, character) => {
    expect(messages(name.safeParse(`张${character}三`))).toEqual(["姓名不能包含换行、制表符或文字方向控制字符"]);
    expect(isSingleLineText(`张${character}三`)).toBe(false);
  });

  it.each(Object.entries(UNSTORABLE))("refuses %s like any text", (_name, character) => {
    expect(messages(name.safeParse(`张${character}三`))).toContain("姓名不能包含控制字符或无法保存的字符（如 U+0000、U+FFFE）");
  });

  it("accepts an ordinary name, and a line break only at its ends (trimmed)", () => {
    expect(name.safeParse("欧阳·娜娜\n")).toEqual({ success: true, data: "欧阳·娜娜" });
    expect(isSingleLineText("report-2026.pdf")).toBe(true);
  });
});

describe("every text field of the forms", () => {
  const NUL = "a\u0000b";
  const report = (fields: Record<string, string>) =>
    saveReportSchema.safeParse({
      taskNumber: "1",
      quarter: "2026Q1",
      version: "0",
      progressState: "ON_TRACK",
      percent: "10",
      progress: "进展",
      ...fields,
    });
  const RLO = "exe.\u202ejpg";
  it.each([
    ["the sign-in username", () => signInSchema.safeParse({ username: NUL, password: "x" }), "username"],
    [
      "a user's display name",
      () => createUserSchema.safeParse({ username: "u1", displayName: RLO, role: "LEADER", password: "Abcdef#1234" }),
      "displayName",
    ],
    [
      "a user's unit",
      () => createUserSchema.safeParse({ username: "u1", displayName: "张三", role: "STAFF", unitCode: NUL, password: "Abcdef#1234" }),
      "unitCode",
    ],
    ["the username of (de)activation", () => setUserActiveSchema.safeParse({ username: NUL, active: "true" }), "username"],
    ["an API token's purpose", () => apiTokenSchema.safeParse({ name: RLO }), "name"],
    [
      "the narrative",
      () => narrativeSchema.safeParse({ year: "2026", version: "0", intro: NUL, problems: "问题", nextSteps: "安排" }),
      "intro",
    ],
    [
      "an observation's source",
      () => observationSchema.safeParse({ indicatorCode: "PM25", period: "2026", value: "1", source: NUL }),
      "source",
    ],
    [
      "an observation's note",
      () => observationSchema.safeParse({ indicatorCode: "PM25", period: "2026", value: "1", source: "公报", note: "\uffff" }),
      "note",
    ],
    ["a lead unit", () => setLeadUnitSchema.safeParse({ taskNumber: "1", unitCode: NUL, version: "0" }), "unitCode"],
    ["the task search", () => taskFiltersSchema.safeParse({ q: NUL }), "q"],
    ["a reminder", () => reminderSchema.safeParse({ units: "fgw", quarter: "2026Q1", level: "REMIND", message: NUL }), "message"],
    ["a review comment", () => reviewSchema.safeParse({ reports: "1:0", decision: "return", comment: "\ufffe" }), "comment"],
    ...(["progress", "problems", "nextSteps"] as const).map(
      (field) => [`the report's ${field}`, () => report({ [field]: NUL }), field] as const,
    ),
    [
      "a figure's note",
      () => report({ "figure.PM25.value": "30", "figure.PM25.period": "2026", "figure.PM25.note": NUL }),
      "figure.PM25.note",
    ],
  ] as const)("refuses %s holding a control character, on that field", (_name, parse, field) => {
    const result = parse();
    expect(result.success).toBe(false);
    const issues = result.error!.issues.filter((issue) => issue.path.join(".") === field || issue.path[0] === field);
    expect(issues.map((issue) => issue.message).join()).toMatch(/不能包含(控制字符|换行、制表符或文字方向控制字符)/);
  });
});

describe("search parameters", () => {
  it("refuse a NUL or another control character in a value or a name before the schema sees them", () => {
    expect(messages(parseSearchParams(taskFiltersSchema, new URLSearchParams("q=a%00b")))).toEqual([
      "查询参数 q 不能包含控制字符或无效字符",
    ]);
    expect(messages(parseSearchParams(taskFiltersSchema, { section: "1\u0007" }))).toEqual(["查询参数 section 不能包含控制字符或无效字符"]);
    expect(messages(parseSearchParams(taskFiltersSchema, new URLSearchParams("%00=1")))).toEqual(["查询参数名不能包含控制字符或无效字符"]);
  });

  it("still read ordinary ones", () => {
    expect(parseSearchParams(taskFiltersSchema, new URLSearchParams("q=%E6%B2%B3%E6%B9%96&unit=slt"))).toMatchObject({
      success: true,
      data: { q: "河湖", unit: "slt" },
    });
  });
});
