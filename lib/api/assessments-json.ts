import type { ItemKind } from "@/lib/results-assessment/grading";
import type { AssessmentResultsView } from "@/lib/results-assessment/results-view";
import type { AssessmentResultsJson } from "./assessments.contract";

const KIND_JSON: Record<ItemKind, AssessmentResultsJson["scheme"]["items"][number]["kind"]> = {
  AUTO: "auto",
  MANUAL: "manual",
  BONUS: "bonus",
  DEDUCTION: "deduction",
};

/** A year's scheme and results in the shape of GET /api/v1/assessments/{year}. */
export function assessmentResultsJson(view: AssessmentResultsView): AssessmentResultsJson {
  const { scheme } = view;
  return {
    year: view.year,
    scheme: {
      name: scheme.name,
      version: scheme.version,
      items: scheme.items.map((item) => ({ code: item.code, name: item.name, points: item.points, kind: KIND_JSON[item.kind] })),
      grades: scheme.grades.map((threshold) => ({ grade: threshold.grade, min: threshold.min })),
      bonusCap: scheme.bonusCap,
      deductionCap: scheme.deductionCap,
    },
    results: view.results.map((result) => ({
      unit: { code: result.unit.code, name: result.unit.name, kind: result.unit.kind === "CITY" ? "city" : "province" },
      stage: result.stage,
      selfScore: result.selfScore,
      score: result.score,
      grade: result.grade,
      rank: result.rank,
      tied: result.tied,
      rankChange: result.rankChange,
      items: result.items.map((item) => ({ code: item.code, self: item.self, score: item.score })),
    })),
  };
}
