/** The public API's shapes of an indicator's values and assessment, typed by the contract's schemas. */
import { type getIndicatorAssessment, type ObservationRow } from "@/lib/indicators/observations";
import { periodText } from "@/lib/indicators/observation-keys";
import { COMPARATOR_SYMBOLS } from "@/lib/indicators/comparators";
import type { AssessmentJson, ObservationJson } from "./indicators.contract";

export function observationJson(row: Pick<ObservationRow, "area" | "year" | "quarter" | "value" | "source" | "demo">): ObservationJson {
  return { area: row.area, period: periodText(row), value: Number(row.value), source: row.source, demo: row.demo };
}

type IndicatorAssessmentData = NonNullable<Awaited<ReturnType<typeof getIndicatorAssessment>>>;

/** Where the province stands on an indicator. */
export function assessmentJson({ indicator, province: { assessment } }: IndicatorAssessmentData): AssessmentJson {
  return {
    code: indicator.code,
    name: indicator.name,
    unit: indicator.measureUnit,
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
  };
}
