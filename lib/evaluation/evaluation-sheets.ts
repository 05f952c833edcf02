/** The frozen progress evaluation as Excel: one sheet per table of the page, typed cells. */
import { sheet, type Sheet } from "@/lib/exports/workbook";
import { formatChineseDate } from "@/lib/core/dates";
import { VERDICT_LABELS } from "@/lib/indicators/assessment";
import { sharePercent } from "@/lib/core/shares";
import type { EvaluationContent, MilestoneTally } from "./evaluation-content";
import { evaluationTitle } from "./evaluation-text";

const onTimeShare = (tally: MilestoneTally) => (tally.due ? sharePercent(tally.onTime, tally.due) : null);

export function evaluationSheets(content: EvaluationContent): Sheet[] {
  const preface = [evaluationTitle(content.year), `评估日期：${formatChineseDate(content.asOf)}（已冻结）`];
  const milestoneColumns = <Row extends { milestones: MilestoneTally }>() => [
    { header: "应完成节点", type: "integer" as const, value: (row: Row) => row.milestones.due },
    { header: "按期完成节点", type: "integer" as const, value: (row: Row) => row.milestones.onTime },
    { header: "按期完成率（%）", type: "number" as const, value: (row: Row) => onTimeShare(row.milestones) },
    { header: "按期完成且已核查", type: "integer" as const, value: (row: Row) => row.milestones.onTimeVerified },
  ];
  const unitSheet = (name: string, kind: "PROVINCIAL" | "CITY") =>
    sheet({
      name,
      preface,
      rows: content.units.filter((unit) => unit.kind === kind),
      columns: [
        { header: "单位", width: 24, value: (unit) => unit.name },
        { header: "承担任务", type: "integer", value: (unit) => unit.assignments },
        { header: "滞后任务", type: "integer", value: (unit) => unit.lagging },
        { header: "平均完成（%）", type: "integer", value: (unit) => unit.averagePercent },
        ...milestoneColumns<EvaluationContent["units"][number]>(),
      ],
    });
  return [
    sheet({
      name: "目标指标",
      preface,
      rows: content.indicators,
      columns: [
        { header: "代码", width: 24, value: (indicator) => indicator.code },
        { header: "指标", width: 36, value: (indicator) => indicator.name },
        { header: "单位", width: 12, value: (indicator) => indicator.unit },
        { header: "最新值", width: 18, value: (indicator) => indicator.latest },
        { header: "目标", width: 28, value: (indicator) => indicator.targets },
        { header: "研判", width: 12, value: (indicator) => VERDICT_LABELS[indicator.verdict] },
        { header: "示例数据", width: 10, value: (indicator) => (indicator.demo ? "是" : "") },
      ],
    }),
    sheet({
      name: "篇章",
      preface,
      rows: content.sections,
      columns: [
        { header: "篇章", width: 36, value: (section) => `第${section.number}篇 ${section.title}` },
        { header: "任务数", type: "integer", value: (section) => section.tasks },
        { header: "平均完成（%）", type: "integer", value: (section) => section.averagePercent },
        { header: "滞后任务", type: "integer", value: (section) => section.lagging },
        ...milestoneColumns<EvaluationContent["sections"][number]>(),
        { header: "完成已核查", type: "integer", value: (section) => section.completion.verified },
        { header: "完成待核查", type: "integer", value: (section) => section.completion.claimed },
      ],
    }),
    unitSheet("省直单位", "PROVINCIAL"),
    unitSheet("设区市", "CITY"),
  ];
}
