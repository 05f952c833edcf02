/** How a year's 成效考核 results read, the same words on the page, in the 通报 (Word) and in Excel. Pure. */
import { rankText } from "@/lib/core/ranking";
import { roundPoints } from "./auto-items";
import { rankChangeText } from "./grading";
import {
  gradeCounts,
  resultsOfKind,
  STAGE_LABELS,
  type AssessmentResultsView,
  type ResultView,
  type SchemeItemView,
  type SchemeView,
} from "./results-view";
import { ITEM_KIND_LABELS } from "./scheme";

export const assessmentTitle = (year: number) => `关于${year}年度美丽江西建设成效考核结果的通报`;

/** The scheme as its readers name it: "《2025年度美丽江西建设成效考核方案》（第2版）". */
export const schemeTitle = (scheme: SchemeView) => `《${scheme.name}》（第${scheme.version}版）`;

/** Points as 通报 print them: at most two decimals, "—" without a value. */
export const pointsText = (value: number | null) => (value === null ? "—" : String(roundPoints(value)));

/** The summary paragraph: who was assessed, how many results stand confirmed and how they were graded. */
export function assessmentSummary(view: AssessmentResultsView): string {
  const provincial = resultsOfKind(view, "PROVINCIAL").length;
  const cities = resultsOfKind(view, "CITY").length;
  const confirmed = view.results.filter((result) => result.stage === "CONFIRMED").length;
  const pending = view.results.length - confirmed;
  const grades = gradeCounts(view)
    .map(({ grade, count }) => `${grade}${count}个`)
    .join("、");
  const scope = [provincial ? `${provincial}个省直有关单位` : "", cities ? `${cities}个设区市` : ""].filter(Boolean).join("和");
  const outcome = confirmed
    ? `${confirmed}个单位的考核结果已确认，其中${grades}` + (pending ? `；${pending}个单位的考核结果尚未确认，暂不评定等次和名次。` : "。")
    : "各单位的考核结果尚未确认，暂不评定等次和名次。";
  return (
    `根据${schemeTitle(view.scheme)}，省生态环境厅对${scope || "各单位"}开展了${view.year}年度美丽江西建设成效考核，` +
    `经单位自评、省生态环境厅评分，${outcome}` +
    (view.scheme.demo ? "（本考核方案为示例数据。）" : "")
  );
}

export const RANKING_RULE_TEXT =
  "名次按考核得分由高到低排列，省直有关单位和设区市分别排名，得分相同的并列；名次变化与上年度同类单位中的名次比较；考核结果尚未确认的单位不评定等次、不排名，列在最后。";

/** The grade thresholds in words: "优秀（90分及以上）、良好（80分及以上、不足90分）…、不合格（不足60分）". */
export function gradeRulesText(scheme: SchemeView): string {
  const ordered = [...scheme.grades].sort((a, b) => b.min - a.min);
  return ordered
    .map(({ grade, min }, index) => {
      const above = ordered[index - 1]?.min;
      if (above === undefined) return `${grade}（${min}分及以上）`;
      return min > 0 ? `${grade}（${min}分及以上、不足${above}分）` : `${grade}（不足${above}分）`;
    })
    .join("、");
}

/** How a total is made and graded under the scheme. */
export function schemeRulesText(scheme: SchemeView): string {
  return (
    `基本项目（自动计算和评审打分）合计100分；加分项合计不超过${scheme.bonusCap}分，扣分项合计不超过${scheme.deductionCap}分，考核得分最低为0分。` +
    `考核等次按考核得分划分为${gradeRulesText(scheme)}。`
  );
}

/** 五、有关要求: what follows from the results. */
export const REQUIREMENTS_TEXT = [
  "各单位要认真对照考核结果，深入分析存在的差距和不足，举一反三，切实抓好问题整改，推动美丽江西建设各项任务落地见效。",
  "考核等次为不合格的单位，要在本通报印发之日起30日内向省生态环境厅报送书面整改方案，明确整改措施、责任人和完成时限，并按季度报送整改进展；省生态环境厅将对整改情况进行跟踪督导。",
  "考核结果作为各单位领导班子和领导干部综合考核评价、生态环境保护责任追究和相关资金安排的重要参考。各单位对考核结果有异议的，可在本通报印发之日起10个工作日内向省生态环境厅书面反映。",
];

export const RESULT_HEADERS = ["名次", "单位", "自评得分", "考核得分", "等次", "名次变化"];

/**
 * One unit's line of the results table. A line shows what has been submitted and confirmed: the
 * self score once the unit submitted it, the score, grade and rank once the result is confirmed
 * (a score still being given is not a result); until then the grade cell names the stage.
 */
export function resultRow(result: ResultView): string[] {
  const confirmed = result.stage === "CONFIRMED";
  return [
    confirmed && result.rank !== null ? rankText({ rank: result.rank, tied: result.tied }) : "—",
    result.unit.name,
    result.stage === "SELF_ASSESSING" ? "—" : pointsText(result.selfScore),
    confirmed ? pointsText(result.score) : "—",
    confirmed ? (result.grade ?? "—") : `未确认（${STAGE_LABELS[result.stage]}）`,
    confirmed ? rankChangeText(result.rankChange) : "—",
  ];
}

export const ITEM_HEADERS = ["代码", "项目", "计分方式", "分值", "评分说明"];
export const itemRow = (item: SchemeItemView) => [
  item.code,
  item.name,
  ITEM_KIND_LABELS[item.kind],
  pointsText(item.points),
  item.description || "—",
];
