import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { buildWorkbook, xlsxResponse } from "@/lib/exports/workbook";
import { getAssessmentResults } from "@/lib/results-assessment/assessments";
import { assessmentSheets } from "@/lib/results-assessment/assessment-sheets";
import { assessmentTitle } from "@/lib/results-assessment/assessment-text";
import { AssessmentPathSchema, NO_SUCH_ASSESSMENT } from "@/lib/results-assessment/schemas";

export const dynamic = "force-dynamic";

/** The year's 成效考核 results in Excel: every unit with its item scores, and the scheme. */
export const GET = route({ auth: "assessment:read", params: AssessmentPathSchema, exported: "assessment.xlsx" }, async ({ params }) => {
  const view = await getAssessmentResults(params.year);
  if (!view) throw new AppError("NOT_FOUND", NO_SUCH_ASSESSMENT);
  return xlsxResponse(await buildWorkbook(assessmentSheets(view)), `${assessmentTitle(view.year)}.xlsx`);
});
