/** How a frozen evaluation reads, the same words on the page, in Word and in Excel. Pure. */
import { VERDICT_LABELS, VERDICTS } from "@/lib/indicators/assessment";
import { STATUS_LABELS, TASK_STATUS_ORDER } from "@/lib/status/status-rules";
import { formatChineseDate } from "@/lib/core/dates";
import { formatShare } from "@/lib/core/shares";
import { onTimeText, verdictCounts, type EvaluationContent } from "./evaluation-content";

export const evaluationTitle = (year: number) => `美丽江西建设${year}年度进展评估报告`;

/** The summary paragraph: what stood where on the day. */
export function evaluationSummary(content: EvaluationContent): string {
  const verdicts = verdictCounts(content);
  const verdictText = VERDICTS.filter((verdict) => verdicts[verdict] > 0)
    .map((verdict) => `${VERDICT_LABELS[verdict]}${verdicts[verdict]}项`)
    .join("，");
  const statusText = TASK_STATUS_ORDER.filter((status) => content.tasks.byStatus[status] > 0)
    .map((status) => `${STATUS_LABELS[status]}${content.tasks.byStatus[status]}项`)
    .join("，");
  const { milestones, completion } = content;
  const milestoneText = milestones.due
    ? `应完成的举措节点${milestones.due}个，按期完成${milestones.onTime}个（${formatShare(milestones.onTime, milestones.due)}），其中已核查${milestones.onTimeVerified}个`
    : "尚无到期的举措节点";
  return (
    `截至${formatChineseDate(content.asOf)}，${content.indicators.length}项目标指标中，${verdictText || "暂无研判"}。` +
    `${content.tasks.total}项重点任务中，${statusText || "暂无状态"}。` +
    `${milestoneText}。单位报告已完成的任务中，已核查${completion.verified}项，待核查${completion.claimed}项。`
  );
}

export const INDICATOR_HEADERS = ["指标", "单位", "最新值", "目标", "研判"];
export const indicatorRow = (indicator: EvaluationContent["indicators"][number]) => [
  indicator.demo ? `${indicator.name}（示例数据）` : indicator.name,
  indicator.unit,
  indicator.latest,
  indicator.targets || "—",
  VERDICT_LABELS[indicator.verdict],
];

export const SECTION_HEADERS = ["篇章", "任务数", "平均完成", "滞后任务", "节点按期完成", "已核查/待核查"];
export const sectionRow = (section: EvaluationContent["sections"][number]) => [
  `第${section.number}篇 ${section.title}`,
  String(section.tasks),
  `${section.averagePercent}%`,
  String(section.lagging),
  onTimeText(section.milestones),
  `${section.completion.verified}/${section.completion.claimed}`,
];

export const UNIT_HEADERS = ["单位", "承担任务", "滞后任务", "平均完成", "节点按期完成"];
export const unitRow = (unit: EvaluationContent["units"][number]) => [
  unit.name,
  String(unit.assignments),
  String(unit.lagging),
  `${unit.averagePercent}%`,
  onTimeText(unit.milestones),
];
