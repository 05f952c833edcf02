import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { privateJson } from "@/lib/core/responses";
import { getAssessmentResults } from "@/lib/results-assessment/assessments";
import { AssessmentPathSchema, NO_SUCH_ASSESSMENT } from "@/lib/results-assessment/schemas";
import { assessmentResultsJson } from "@/lib/api/assessments-json";
import type { AssessmentResultsBody } from "@/lib/api/assessments.contract";

export const dynamic = "force-dynamic";

/** The year's 成效考核 scheme and results: reviewer and leaders with a session, or an API token. */
export const GET = route({ auth: { permission: "assessment:read", apiToken: true }, params: AssessmentPathSchema }, async ({ params }) => {
  const view = await getAssessmentResults(params.year);
  if (!view) throw new AppError("NOT_FOUND", NO_SUCH_ASSESSMENT);
  return privateJson({ data: assessmentResultsJson(view) } satisfies AssessmentResultsBody);
});
