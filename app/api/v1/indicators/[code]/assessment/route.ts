import { route } from "@/lib/core/route";
import { AppError } from "@/lib/core/errors";
import { publicJson } from "@/lib/core/responses";
import { chinaToday } from "@/lib/core/quarters";
import { getIndicatorAssessment } from "@/lib/indicators/observations";
import { assessmentJson } from "@/lib/api/indicator-json";
import { IndicatorPathSchema, type AssessmentBody } from "@/lib/api/indicators.contract";

export const dynamic = "force-dynamic";

/** Where the province stands on an indicator: latest value, targets, required change, forecast, verdict. */
export const GET = route({ auth: "public", params: IndicatorPathSchema }, async ({ params }) => {
  const data = await getIndicatorAssessment(params.code, Number(chinaToday().slice(0, 4)));
  if (!data) throw new AppError("NOT_FOUND", `指标 ${params.code} 不存在`);
  return publicJson({ data: assessmentJson(data) } satisfies AssessmentBody);
});
