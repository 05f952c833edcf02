/** The reviewer's narrative of the annual report. */
import { z } from "@/lib/core/zod";
import { textSchema, versionSchema, yearSchema } from "@/lib/core/schemas";

const narrativeText = (label: string) => textSchema(label, `请填写${label}`).min(1, `请填写${label}`).max(5000, `${label}不能超过 5000 字`);

export const narrativeSchema = z.object({
  year: yearSchema(),
  version: versionSchema,
  intro: narrativeText("总体情况"),
  problems: narrativeText("存在的问题"),
  nextSteps: narrativeText("下一步工作安排"),
});
