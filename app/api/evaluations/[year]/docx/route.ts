import { create as contentDisposition } from "content-disposition";
import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { chinaToday } from "@/lib/core/quarters";
import { DOCX_MEDIA_TYPE } from "@/lib/annual/annual-docx";
import { getEvaluation } from "@/lib/evaluation/evaluation";
import { evaluationDocx } from "@/lib/evaluation/evaluation-docx";
import { evaluationTitle } from "@/lib/evaluation/evaluation-text";
import { EvaluationPathSchema, NO_SUCH_EVALUATION } from "@/lib/evaluation/schemas";

export const dynamic = "force-dynamic";

/** A year's frozen progress evaluation in Word (GB/T 9704), signed on the day it was frozen. */
export const GET = route({ auth: "evaluation:read", params: EvaluationPathSchema, exported: "evaluation.docx" }, async ({ params }) => {
  const frozen = await getEvaluation(params.year);
  if (!frozen) throw new AppError("NOT_FOUND", NO_SUCH_EVALUATION);
  const buffer = await evaluationDocx(frozen.content, chinaToday(frozen.frozenAt));
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(`${evaluationTitle(frozen.year)}.docx`),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
