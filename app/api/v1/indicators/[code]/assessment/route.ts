import { jsonError, publicJson } from "@/lib/core/responses";
import { getIndicatorAssessment, periodText } from "@/lib/indicators/observations";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import { chinaToday } from "@/lib/core/quarters";

export const dynamic = "force-dynamic";

/** Where the province stands on an indicator: latest value, targets, required change, forecast, verdict. */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  const data = /^[A-Z0-9_]{2,64}$/.test(code) ? await getIndicatorAssessment(code, Number(chinaToday().slice(0, 4))) : null;
  if (!data) return jsonError(404, `指标 ${code} 不存在`);
  const { assessment } = data.province;
  return publicJson({
    data: {
      code: data.indicator.code,
      name: data.indicator.name,
      unit: data.indicator.measureUnit,
      latest: assessment.latest ? { value: assessment.latest.value, period: periodText(assessment.latest) } : null,
      pacePerYear: assessment.pacePerYear,
      verdict: assessment.verdict,
      targets: assessment.targets.map((item) => ({
        year: item.target.year,
        comparator: COMPARATOR_SYMBOLS[item.target.comparator],
        value: item.target.value,
        met: item.met,
        requiredYearlyChange: item.requiredYearlyChange,
        forecast: item.forecast,
        crossingYear: item.crossingYear,
        verdict: item.verdict,
      })),
    },
  });
}
