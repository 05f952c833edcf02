/**
 * The reviewer's edit of the annual report — narrative, section 三's paragraph per task and the
 * sign-off (发文机关署名, 成文日期) — and the shape it is stored in (AnnualReport.narrative JSON).
 */
import { z } from "@/lib/core/zod";
import { ISO_DATE, isoDateSchema, lineSchema, textSchema, versionSchema, yearSchema } from "@/lib/core/schemas";

const narrativeText = (label: string) => textSchema(label, `请填写${label}`).min(1, `请填写${label}`).max(5000, `${label}不能超过 5000 字`);

export const issuerSchema = lineSchema("发文机关署名", "请填写发文机关署名")
  .min(1, "请填写发文机关署名")
  .max(40, "发文机关署名不能超过 40 字");
export const signDateSchema = isoDateSchema("请填写有效的成文日期");

/** Form fields `task_<number>` carry section 三's paragraphs, one per task. */
const TASK_FIELD = /^task_(\d{1,3})$/;
export const taskFieldName = (taskNumber: number) => `task_${taskNumber}`;

const taskTextSchema = (taskNumber: number) =>
  textSchema(`任务${taskNumber}的推进情况`)
    .min(1, `请填写任务${taskNumber}的推进情况`)
    .max(5000, `任务${taskNumber}的推进情况不能超过 5000 字`);

export const narrativeSchema = z
  .object({
    year: yearSchema(),
    version: versionSchema,
    intro: narrativeText("总体情况"),
    problems: narrativeText("存在的问题"),
    nextSteps: narrativeText("下一步工作安排"),
    issuer: issuerSchema,
    signDate: signDateSchema,
  })
  .catchall(z.unknown())
  .transform((input, ctx) => {
    const tasks: Record<string, string> = {};
    for (const [key, value] of Object.entries(input)) {
      const match = TASK_FIELD.exec(key);
      if (!match) continue;
      const parsed = taskTextSchema(Number(match[1])).safeParse(value);
      if (parsed.success) tasks[String(Number(match[1]))] = parsed.data;
      else ctx.addIssue({ code: "custom", path: [key], message: parsed.error.issues[0]?.message ?? "内容无效" });
    }
    return {
      year: input.year,
      version: input.version,
      narrative: { intro: input.intro, problems: input.problems, nextSteps: input.nextSteps },
      signOff: { issuer: input.issuer, date: input.signDate },
      tasks,
    };
  });
export type NarrativeEditInput = z.output<typeof narrativeSchema>;

/**
 * AnnualReport.narrative as stored. Version 1 held the three narrative texts only; the sign-off
 * and the task paragraphs came later and are optional, so every stored row stays readable.
 */
export const storedNarrativeSchema = z.object({
  intro: z.string(),
  problems: z.string(),
  nextSteps: z.string(),
  signOff: z.object({ issuer: z.string().min(1), date: z.string().regex(ISO_DATE) }).optional(),
  /** Section 三, by task number ("22"): the reviewer's text, which replaces the system's draft. */
  tasks: z.record(z.string().regex(/^\d{1,3}$/), z.string()).optional(),
});
export type StoredNarrative = z.output<typeof storedNarrativeSchema>;
