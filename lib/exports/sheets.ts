/** The lists users look at, as Excel sheets: same rows as the page, Chinese headers, typed cells. */
import type { TaskListItem } from "@/lib/plan/tasks";
import type { ReportListItem } from "@/lib/reports/read-reports";
import type { IndicatorCatalogEntry } from "@/lib/indicators/catalogue";
import type { ReportingCount } from "@/lib/reminders/reminders";
import { PROGRESS_STATE_LABELS, REPORT_STATUS_LABELS } from "@/lib/status/status-rules";
import { formatQuarter, parseQuarter, quarterIndex, quarterLabel, type Quarter } from "@/lib/core/quarters";
import { formatChinaTime } from "@/lib/core/dates";
import { sheet, type Sheet } from "./workbook";
import { UNKNOWN_UNIT } from "@/lib/plan/unit-names";

const exportedAt = () => `导出时间：${formatChinaTime(new Date())}`;
const calendarDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** How each filter parameter of a list reads in a caption, its value named as people name it. */
export type FilterCaption = (value: string, unitName: (code: string) => string) => string;
const FILTER_CAPTIONS: Record<string, FilterCaption> = {
  quarter: (value) => {
    const quarter = parseQuarter(value);
    return quarter ? quarterLabel(quarter) : value;
  },
  section: (value) => `第${value}篇`,
  task: (value) => `任务${value}`,
  unit: (value, unitName) => `单位 ${unitName(value)}`,
  city: (value, unitName) => `设区市 ${unitName(value)}`,
  status: (value) => `状态 ${REPORT_STATUS_LABELS[value as keyof typeof REPORT_STATUS_LABELS] ?? value}`,
  year: (value) => `${value}年到期`,
  q: (value) => `关键词“${value}”`,
  sort: (value) => `按${TASK_SORT_LABELS[value] ?? value}排序`,
  dir: (value) => (value === "desc" ? "降序" : "升序"),
};
const TASK_SORT_LABELS: Record<string, string> = { number: "序号", deadline: "完成时限", section: "篇章", title: "任务名称" };

/**
 * The preface line naming the filters a list was exported with, as the page shows them: units by
 * their Chinese names (never the code in the address), quarters as 2026年第三季度. Parameters
 * that filter nothing (page, unknown names) are left out.
 */
export function filterText(
  search: URLSearchParams,
  unitNames: ReadonlyMap<string, string> = new Map(),
  /** A list whose parameter means something else (a measure list's year is its 年度). */
  captions: Partial<Record<string, FilterCaption>> = {},
): string {
  const unitName = (code: string) => unitNames.get(code) ?? UNKNOWN_UNIT;
  const seen = new Set<string>();
  const filters: string[] = [];
  for (const [key, raw] of search) {
    const value = raw.trim();
    const caption = captions[key] ?? FILTER_CAPTIONS[key];
    if (!value || !caption || seen.has(key)) continue;
    seen.add(key);
    filters.push(caption(value, unitName));
  }
  return `筛选条件：${filters.join("，") || "全部"}`;
}

export function tasksSheet(tasks: TaskListItem[], filterText: string): Sheet {
  return sheet({
    name: "重点任务",
    preface: ["《关于全面推进美丽江西建设的实施意见》重点任务清单", filterText, exportedAt()],
    rows: tasks,
    columns: [
      { header: "序号", type: "integer", width: 6, value: (task) => task.number },
      { header: "篇章", width: 28, value: (task) => `${task.section.number}. ${task.section.title}` },
      { header: "重点任务", width: 30, value: (task) => task.title },
      { header: "工作内容", width: 80, value: (task) => task.content },
      { header: "完成时限", width: 12, value: (task) => task.deadline.text },
      { header: "截止日期", type: "date", width: 12, value: (task) => calendarDate(task.deadline.date) },
      { header: "责任单位", width: 50, value: (task) => task.units.map((unit) => unit.shortName).join("、") },
      { header: "牵头单位", width: 16, value: (task) => task.leadUnit?.shortName ?? "" },
    ],
  });
}

export function reportsSheet(reports: ReportListItem[], filterText: string): Sheet {
  return sheet({
    name: "进展报告",
    preface: ["重点任务季度进展报告", filterText, exportedAt()],
    rows: reports,
    columns: [
      { header: "季度", width: 9, value: (report) => `${report.year}Q${report.quarter}` },
      { header: "任务序号", type: "integer", width: 8, value: (report) => report.task.number },
      { header: "重点任务", width: 28, value: (report) => report.task.title },
      { header: "单位", width: 20, value: (report) => report.unit.shortName },
      { header: "状态", width: 12, value: (report) => REPORT_STATUS_LABELS[report.status] },
      { header: "进展状态", width: 12, value: (report) => PROGRESS_STATE_LABELS[report.progressState] },
      { header: "完成百分比", type: "percent", width: 10, value: (report) => report.percent / 100 },
      { header: "工作进展", width: 60, value: (report) => report.progress },
      { header: "存在问题", width: 40, value: (report) => report.problems },
      { header: "下步计划", width: 40, value: (report) => report.nextSteps },
      {
        header: "指标数值",
        width: 40,
        value: (report) =>
          report.figures
            .map((figure) => `${figure.indicator.name}：${figure.value.toString()}${figure.indicator.measureUnit}（${figure.period}）`)
            .join("；"),
      },
      { header: "提交时间", type: "datetime", width: 17, value: (report) => report.submittedAt },
      { header: "审核时间", type: "datetime", width: 17, value: (report) => report.reviewedAt },
      { header: "审核意见", width: 30, value: (report) => report.reviewComment ?? "" },
    ],
  });
}

export function indicatorsSheet(indicators: IndicatorCatalogEntry[]): Sheet {
  return sheet({
    name: "目标指标",
    preface: ["美丽江西建设目标指标", exportedAt()],
    rows: indicators,
    columns: [
      { header: "代码", width: 28, value: (indicator) => indicator.code },
      { header: "指标", width: 36, value: (indicator) => indicator.name },
      { header: "单位", width: 12, value: (indicator) => indicator.measureUnit },
      { header: "2025年目标", type: "number", value: (indicator) => indicator.targets.find((target) => target.year === 2025)?.value },
      { header: "2026年目标", type: "number", value: (indicator) => indicator.targets.find((target) => target.year === 2026)?.value },
      { header: "2027年目标", type: "number", value: (indicator) => indicator.targets.find((target) => target.year === 2027)?.value },
      { header: "2035年目标", type: "number", value: (indicator) => indicator.targets.find((target) => target.year === 2035)?.value },
      {
        header: "目标原文",
        width: 40,
        value: (indicator) => indicator.targets.map((target) => `${target.year}年${target.text}`).join("；"),
      },
      { header: "基准值", type: "number", value: (indicator) => indicator.baseline?.value },
      { header: "基准年份", type: "integer", value: (indicator) => indicator.baseline?.year },
      { header: "基准来源", width: 40, value: (indicator) => indicator.baseline?.source ?? "" },
      { header: "责任单位", width: 16, value: (indicator) => indicator.owner.shortName },
      { header: "相关任务", width: 16, value: (indicator) => indicator.tasks.join("、") },
    ],
  });
}

export interface ObservationExportRow {
  indicator: string;
  measureUnit: string;
  area: string;
  period: string;
  value: number;
  source: string;
  demo: boolean;
}

export function observationsSheet(rows: ObservationExportRow[]): Sheet {
  return sheet({
    name: "指标数值",
    preface: ["审核通过的指标数值", exportedAt()],
    rows,
    columns: [
      { header: "指标", width: 36, value: (row) => row.indicator },
      { header: "地区", width: 10, value: (row) => row.area },
      { header: "期间", width: 10, value: (row) => row.period },
      { header: "数值", type: "number", width: 12, value: (row) => row.value },
      { header: "单位", width: 12, value: (row) => row.measureUnit },
      { header: "来源", width: 50, value: (row) => row.source },
      { header: "示例数据", width: 10, value: (row) => (row.demo ? "是" : "否") },
    ],
  });
}

/** The 催办 matrix: one row per unit, per quarter the reports submitted and owed. */
export function reminderMatrixSheet(units: { id: number; shortName: string }[], quarters: Quarter[], counts: ReportingCount[]): Sheet {
  const countOf = (unitId: number, quarter: Quarter) =>
    counts.find((count) => count.unitId === unitId && quarterIndex(count.quarter) === quarterIndex(quarter));
  return sheet({
    name: "报送情况",
    preface: ["各单位季度报告报送情况（已提交 / 应报送）", exportedAt()],
    rows: units,
    columns: [
      { header: "单位", width: 24, value: (unit) => unit.shortName },
      ...quarters.flatMap((quarter) => [
        {
          header: `${formatQuarter(quarter)}已提交`,
          type: "integer" as const,
          width: 12,
          value: (unit: { id: number }) => countOf(unit.id, quarter)?.submitted ?? 0,
        },
        {
          header: `${formatQuarter(quarter)}应报送`,
          type: "integer" as const,
          width: 12,
          value: (unit: { id: number }) => countOf(unit.id, quarter)?.owed ?? 0,
        },
      ]),
    ],
  });
}
