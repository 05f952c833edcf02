/** Input of the progress evaluation (进展评估): freezing a year as of a day, and the year in a path. */
import { z } from "@/lib/core/zod";
import { isoDateSchema, yearSchema } from "@/lib/core/schemas";

export const NO_SUCH_EVALUATION = "该年度进展评估尚未冻结";

export const freezeEvaluationSchema = z.object({
  year: yearSchema(),
  asOf: isoDateSchema("请填写评估日期，如 2026-01-10"),
});
export type FreezeEvaluationInput = z.output<typeof freezeEvaluationSchema>;

export const EvaluationPathSchema = z.object({ year: yearSchema(NO_SUCH_EVALUATION) });
