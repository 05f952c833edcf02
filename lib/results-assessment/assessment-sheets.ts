/** The year's 成效考核 results as Excel: one row per unit with its item scores, and the scheme. Typed cells. */
import { sheet, type Column, type Sheet } from "@/lib/exports/workbook";
import { assessmentTitle, gradeRulesText, schemeTitle } from "./assessment-text";
import { rankChangeText } from "./grading";
import { STAGE_LABELS, type AssessmentResultsView, type ResultView, type SchemeItemView } from "./results-view";
import { ITEM_KIND_LABELS } from "./scheme";

/** A bonus item's score is points given, a deduction's points taken: the header says which. */
const itemHeader = (item: SchemeItemView) =>
  item.kind === "BONUS" ? `${item.name}（加分）` : item.kind === "DEDUCTION" ? `${item.name}（扣分）` : item.name;

const itemColumn = (item: SchemeItemView): Column<ResultView> => ({
  header: itemHeader(item),
  type: "number",
  value: (result) => result.items.find((score) => score.code === item.code)?.score ?? null,
});

export function assessmentSheets(view: AssessmentResultsView): Sheet[] {
  const { scheme } = view;
  const preface = [assessmentTitle(view.year), `${schemeTitle(scheme)}${scheme.demo ? "（示例数据）" : ""}`];
  return [
    sheet({
      name: "考核结果",
      preface,
      rows: view.results,
      columns: [
        { header: "单位", width: 24, value: (result) => result.unit.name },
        { header: "类别", width: 10, value: (result) => (result.unit.kind === "CITY" ? "设区市" : "省直单位") },
        { header: "阶段", width: 10, value: (result) => STAGE_LABELS[result.stage] },
        { header: "自评得分", type: "number", value: (result) => result.selfScore },
        { header: "考核得分", type: "number", value: (result) => result.score },
        { header: "等次", width: 10, value: (result) => result.grade },
        { header: "名次", type: "integer", value: (result) => result.rank },
        { header: "并列", width: 8, value: (result) => (result.rank !== null && result.tied ? "是" : null) },
        { header: "名次变化", value: (result) => (result.rank === null ? null : rankChangeText(result.rankChange)) },
        ...scheme.items.map(itemColumn),
      ],
    }),
    sheet({
      name: "考核方案",
      preface: [...preface, `加分上限 ${scheme.bonusCap} 分，扣分上限 ${scheme.deductionCap} 分`, `等次：${gradeRulesText(scheme)}`],
      rows: scheme.items,
      columns: [
        { header: "代码", width: 18, value: (item) => item.code },
        { header: "项目", width: 24, value: (item) => item.name },
        { header: "计分方式", width: 12, value: (item) => ITEM_KIND_LABELS[item.kind] },
        { header: "分值", type: "number", value: (item) => item.points },
        { header: "评分说明", width: 60, value: (item) => item.description },
      ],
    }),
  ];
}
