import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { getEvaluation } from "@/lib/evaluation/evaluation";
import { evaluationSheets } from "@/lib/evaluation/evaluation-sheets";
import { evaluationTitle } from "@/lib/evaluation/evaluation-text";
import { EvaluationPathSchema, NO_SUCH_EVALUATION } from "@/lib/evaluation/schemas";

export const dynamic = "force-dynamic";

/** A year's frozen progress evaluation in Excel: indicators, sections, provincial units, cities. */
export const GET = route({ auth: "evaluation:read", params: EvaluationPathSchema, exported: "evaluation.xlsx" }, async ({ params }) => {
  const frozen = await getEvaluation(params.year);
  if (!frozen) throw new AppError("NOT_FOUND", NO_SUCH_EVALUATION);
  return xlsxResponse(await buildWorkbook(evaluationSheets(frozen.content)), `${evaluationTitle(frozen.year)}.xlsx`);
});
