import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { getAssessmentResults } from "@/lib/results-assessment/assessments";
import { assessmentDocx } from "@/lib/results-assessment/assessment-docx";
import { assessmentTitle } from "@/lib/results-assessment/assessment-text";
import { AssessmentPathSchema, NO_SUCH_ASSESSMENT } from "@/lib/results-assessment/schemas";

export const dynamic = "force-dynamic";

/** The year's 成效考核 通报 in Word (GB/T 9704), dated the day the last result was confirmed (today before any). */
export const GET = route({ auth: "assessment:read", params: AssessmentPathSchema, exported: "assessment.docx" }, async ({ params }) => {
  const view = await getAssessmentResults(params.year);
  if (!view) throw new AppError("NOT_FOUND", NO_SUCH_ASSESSMENT);
  const confirmed = view.results.flatMap((result) => (result.confirmedAt ? [Date.parse(result.confirmedAt)] : []));
  const buffer = await assessmentDocx(view, confirmed.length ? chinaToday(new Date(Math.max(...confirmed))) : chinaToday());
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(`${assessmentTitle(view.year)}.docx`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
