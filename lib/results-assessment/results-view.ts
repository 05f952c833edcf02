/**
 * What a year's 成效考核 looks like to its readers: the scheme and every unit's result with its
 * items, ranks and grade. One shape for the results page, the 通报 (Word), the Excel export and
 * GET /api/v1/assessments/{year}; lib/results-assessment/assessments.ts builds it from the tables.
 */
import type { GradeThreshold, ItemKind } from "./grading";
import type { AutoMetric } from "./auto-items";

export type AssessmentStageName = "SELF_ASSESSING" | "SELF_SUBMITTED" | "CONFIRMED";

export const STAGE_LABELS: Record<AssessmentStageName, string> = {
  SELF_ASSESSING: "自评中",
  SELF_SUBMITTED: "待评分",
  CONFIRMED: "已确认",
};

export interface SchemeItemView {
  id: number;
  code: string;
  name: string;
  kind: ItemKind;
  points: number;
  metric: AutoMetric | null;
  description: string;
}

export interface SchemeView {
  id: number;
  year: number;
  version: number;
  name: string;
  /** ISO instant; set once scoring started (the scheme no longer changes, a change is a new version). */
  lockedAt: string | null;
  /** Seeded example (示例数据). */
  demo: boolean;
  bonusCap: number;
  deductionCap: number;
  grades: GradeThreshold[];
  items: SchemeItemView[];
}

export interface ItemScoreView {
  code: string;
  /** The unit's own score (自评) and why. */
  self: number | null;
  selfReason: string | null;
  selfEvidenceName: string | null;
  /** The reviewer's score (for an automatic item: the formula's) and why. */
  score: number | null;
  reason: string | null;
  /** AUTO: the formula's inputs and result in words, e.g. "11 / 12 份 = 91.67% → 9.17 分". */
  computedText: string | null;
}

export interface UnitRef {
  code: string;
  name: string;
  kind: "PROVINCIAL" | "CITY";
}

export interface ResultView {
  unit: UnitRef;
  stage: AssessmentStageName;
  /** Totals by the scheme's rule (base + capped bonus − capped deduction). */
  selfScore: number | null;
  score: number | null;
  grade: string | null;
  /** Among confirmed results of the same kind (provincial units or cities), ties sharing a rank. */
  rank: number | null;
  tied: boolean;
  /** Places gained (+) or lost (−) against last year's confirmed rank; null without one. */
  rankChange: number | null;
  version: number;
  confirmedAt: string | null;
  items: ItemScoreView[];
}

export interface AssessmentResultsView {
  year: number;
  scheme: SchemeView;
  /** Provincial units then cities, each best rank first, unranked (not confirmed) after in plan order. */
  results: ResultView[];
}

/** The units of one kind, as the results list them. */
export const resultsOfKind = (view: AssessmentResultsView, kind: UnitRef["kind"]) =>
  view.results.filter((result) => result.unit.kind === kind);

/** How many confirmed results earned each grade, in the scheme's order. */
export function gradeCounts(view: AssessmentResultsView): { grade: string; count: number }[] {
  return view.scheme.grades.map((threshold) => ({
    grade: threshold.grade,
    count: view.results.filter((result) => result.stage === "CONFIRMED" && result.grade === threshold.grade).length,
  }));
}
