/**
 * 成效考核's automatic items: each a formula over one unit's (or city's) facts for the year, taken
 * from the system's own data (lib/results-assessment/unit-facts.ts gathers them). Pure: the page
 * shows each formula in words beside its inputs and result, and the unit tests check each one.
 *
 * An item whose denominator is zero does not apply to the unit (it owed no report, had no
 * milestone due, planned no funds…) and scores full points, marked 不涉及 — the usual rule of
 * Chinese assessment schemes (不涉及的指标按满分计), so that a unit is not marked down for work it
 * was never given.
 */

/** One unit's facts for the assessed year. */
export interface UnitYearFacts {
  /** Quarterly reports the unit owed for quarters whose window closed in the year, and how many came on time. */
  reportsOwed: number;
  reportsOnTime: number;
  /** Reports it submitted for those quarters, and how many were complete (every required part filled, figures given where the task has indicators). */
  reportsSubmitted: number;
  reportsComplete: number;
  /** Its milestones planned in the year up to the assessment date, and those done by their planned date. */
  milestonesDue: number;
  milestonesOnTime: number;
  /** Task units it reported 已完成, and those verified by a passed check (销号核查). */
  completionsClaimed: number;
  completionsVerified: number;
  /** Indicators with a target for its area and a value to judge, and those on track or met. */
  indicatorsJudged: number;
  indicatorsMet: number;
  /** Funds planned on its measures (万元), and spent within plan (Σ min(spent, planned)). */
  fundsPlanned: number;
  fundsSpentWithinPlan: number;
}

export const AUTO_METRICS = [
  "ON_TIME_REPORTING",
  "REPORT_COMPLETENESS",
  "MILESTONES_ON_TIME",
  "VERIFIED_COMPLETION",
  "INDICATOR_TARGETS_MET",
  "FUNDS_AS_PLANNED",
] as const;
export type AutoMetric = (typeof AUTO_METRICS)[number];

/** A unit with nothing to count: every fact 0. */
export const ZERO_FACTS: UnitYearFacts = {
  reportsOwed: 0,
  reportsOnTime: 0,
  reportsSubmitted: 0,
  reportsComplete: 0,
  milestonesDue: 0,
  milestonesOnTime: 0,
  completionsClaimed: 0,
  completionsVerified: 0,
  indicatorsJudged: 0,
  indicatorsMet: 0,
  fundsPlanned: 0,
  fundsSpentWithinPlan: 0,
};

interface MetricDefinition {
  label: string;
  /** The formula in words, shown beside the score. */
  formula: string;
  /** The facts its numerator and denominator are. */
  numerator: keyof UnitYearFacts;
  denominator: keyof UnitYearFacts;
  /** The denominator's unit in the page's words (份, 个, 项, 万元). */
  unit: string;
}

export const AUTO_METRIC_DEFINITIONS: Record<AutoMetric, MetricDefinition> = {
  ON_TIME_REPORTING: {
    label: "按时报送率",
    formula: "按时报送的季度进展报告数 ÷ 应报送数 × 分值",
    numerator: "reportsOnTime",
    denominator: "reportsOwed",
    unit: "份",
  },
  REPORT_COMPLETENESS: {
    label: "报告完整率",
    formula: "内容完整的报告数（工作进展、存在问题、下步计划齐全，涉及指标的已填数值）÷ 已报送数 × 分值",
    numerator: "reportsComplete",
    denominator: "reportsSubmitted",
    unit: "份",
  },
  MILESTONES_ON_TIME: {
    label: "节点按期完成率",
    formula: "按计划日期完成的节点数 ÷ 截至考核日应完成的节点数 × 分值",
    numerator: "milestonesOnTime",
    denominator: "milestonesDue",
    unit: "个",
  },
  VERIFIED_COMPLETION: {
    label: "销号核查通过率",
    formula: "经销号核查通过的已完成任务数 ÷ 报告已完成的任务数 × 分值",
    numerator: "completionsVerified",
    denominator: "completionsClaimed",
    unit: "项",
  },
  INDICATOR_TARGETS_MET: {
    label: "目标指标达标率",
    formula: "达到或按进度可达目标的指标数 ÷ 有目标且有数值的指标数 × 分值",
    numerator: "indicatorsMet",
    denominator: "indicatorsJudged",
    unit: "项",
  },
  FUNDS_AS_PLANNED: {
    label: "资金按计划使用率",
    formula: "计划内已使用资金（各举措已用与计划取小者之和）÷ 计划资金 × 分值",
    numerator: "fundsSpentWithinPlan",
    denominator: "fundsPlanned",
    unit: "万元",
  },
};

export interface AutoScore {
  metric: AutoMetric;
  numerator: number;
  denominator: number;
  /** 0–1; 1 when the item does not apply. */
  ratio: number;
  score: number;
  /** The item does not apply to the unit (denominator 0): full points. */
  notApplicable: boolean;
}

/** Points to two decimals, the precision 通报 print. */
export const roundPoints = (value: number): number => Math.round(value * 100) / 100;

/** One automatic item's score: points × numerator ÷ denominator, capped at full points; full points when it does not apply. */
export function autoScore(metric: AutoMetric, points: number, facts: UnitYearFacts): AutoScore {
  const definition = AUTO_METRIC_DEFINITIONS[metric];
  const numerator = facts[definition.numerator];
  const denominator = facts[definition.denominator];
  if (denominator <= 0) return { metric, numerator, denominator, ratio: 1, score: roundPoints(points), notApplicable: true };
  const ratio = Math.min(Math.max(numerator / denominator, 0), 1);
  return { metric, numerator, denominator, ratio, score: roundPoints(points * ratio), notApplicable: false };
}

/** Facts that give one metric a numerator and a denominator (stored inputs, rescored for other points). */
export function factsFor(metric: AutoMetric, numerator: number, denominator: number): UnitYearFacts {
  const definition = AUTO_METRIC_DEFINITIONS[metric];
  return { ...ZERO_FACTS, [definition.numerator]: numerator, [definition.denominator]: denominator };
}

/** "11 / 12 份 = 91.67% → 9.17 分", or "不涉及，按满分计 10 分". */
export function autoScoreText(result: AutoScore): string {
  const unit = AUTO_METRIC_DEFINITIONS[result.metric].unit;
  if (result.notApplicable) return `不涉及，按满分计 ${result.score} 分`;
  return `${result.numerator} / ${result.denominator} ${unit} = ${roundPoints(result.ratio * 100)}% → ${result.score} 分`;
}
