/** Input of a unit's annual report (年度工作情况): the unit's save and submit, the reviewer's decision, unlock and deadline. */
import { z } from "@/lib/core/zod";
import { idSchema, isoDateSchema, lineSchema, textSchema, versionSchema, yearSchema } from "@/lib/core/schemas";
import { decisionFields, requireReturnComment } from "@/lib/review/schemas";
import { UNIT_REPORT_SECTIONS } from "./unit-report-text";

const SECTION_MAX = 20_000;

const sectionFields = Object.fromEntries(
  UNIT_REPORT_SECTIONS.map(({ key, title }) => [
    key,
    textSchema(title.slice(2))
      .max(SECTION_MAX, `${title.slice(2)}不能超过 ${SECTION_MAX} 字`)
      .optional()
      .default(""),
  ]),
) as Record<(typeof UNIT_REPORT_SECTIONS)[number]["key"], z.ZodDefault<z.ZodOptional<ReturnType<typeof textSchema>>>>;

/**
 * An empty file input sends an empty File (named "" or, once parsed on the server, "blob"): no
 * file, as the other upload forms read it (lib/verification/schemas.ts).
 */
const optionalFile = z.preprocess(
  (value) => (value instanceof File && value.size === 0 ? undefined : value),
  z.instanceof(File, { message: "上传的文件无效" }).optional(),
);

export const unitReportFormSchema = z
  .object({
    year: yearSchema(),
    version: versionSchema,
    intent: z.enum(["save", "submit"], { message: "请选择保存草稿或提交" }),
    ...sectionFields,
    signatory: lineSchema("署名").min(1, "请填写署名（发文机关）").max(60, "署名不能超过 60 字"),
    signedOn: isoDateSchema("请填写成文日期，如 2026-12-02"),
    sealedFile: optionalFile,
  })
  .superRefine((value, ctx) => {
    if (value.intent !== "submit") return;
    for (const { key, title } of UNIT_REPORT_SECTIONS) {
      if (!value[key]) ctx.addIssue({ code: "custom", path: [key], message: `提交前请填写“${title.slice(2)}”` });
    }
  });
export type UnitReportFormInput = z.output<typeof unitReportFormSchema>;

export const unitReportReviewSchema = z
  .object({ reportId: idSchema("年度报告无效"), version: versionSchema, ...decisionFields })
  .superRefine(requireReturnComment);
export type UnitReportReviewInput = z.output<typeof unitReportReviewSchema>;

export const unitReportUnlockSchema = z.object({
  reportId: idSchema("年度报告无效"),
  version: versionSchema,
  reason: textSchema("解锁原因").min(1, "请填写解锁原因").max(2000, "解锁原因不能超过 2000 字"),
});
export type UnitReportUnlockInput = z.output<typeof unitReportUnlockSchema>;

export const unitReportDeadlineSchema = z.object({
  year: yearSchema(),
  version: versionSchema,
  deadline: isoDateSchema("请填写报送截止日期，如 2027-01-15"),
});
export type UnitReportDeadlineInput = z.output<typeof unitReportDeadlineSchema>;
