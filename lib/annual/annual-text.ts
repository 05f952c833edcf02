/**
 * Wording of the annual report (年度报告): the default narrative drafted from the year's figures,
 * and the distillation of the units' "存在问题" and "下步计划" into short, de-duplicated lists.
 * Pure: the reviewer edits the narrative afterwards.
 */
import { formatChineseDate } from "@/lib/core/dates";
import { STATUS_LABELS, type TaskStatus } from "@/lib/status/status-rules";

export interface Narrative {
  intro: string;
  problems: string;
  nextSteps: string;
}

export interface YearFigures {
  year: number;
  /** ISO date the figures stand at (the year's end, or today during the year). */
  asOf: string;
  taskCounts: Record<TaskStatus, number>;
  reports: { owed: number; submitted: number; accepted: number };
  indicatorsOnCourse: number;
  indicatorsAtRisk: number;
  indicators: number;
}

const percent = (part: number, whole: number) => (whole ? Math.round((part / whole) * 100) : 0);

export function defaultNarrative(figures: YearFigures): Narrative {
  const counts = figures.taskCounts;
  const statusText = (["DONE", "ON_TRACK", "DUE_SOON", "BEHIND", "OVERDUE_REPORT", "OVERDUE"] as const)
    .filter((status) => counts[status] > 0)
    .map((status) => `${STATUS_LABELS[status]}${counts[status]}项`)
    .join("，");
  return {
    intro:
      `${figures.year}年，全省各地各有关部门深入贯彻落实《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号），` +
      `扎实推进60项重点任务。截至${formatChineseDate(figures.asOf)}，${statusText || "各项任务均在推进中"}。` +
      `全年应报送季度进展报告${figures.reports.owed}份，已报送${figures.reports.submitted}份（${percent(figures.reports.submitted, figures.reports.owed)}%），` +
      `审核通过${figures.reports.accepted}份。${figures.indicators}项目标指标中，${figures.indicatorsOnCourse}项按期可达，${figures.indicatorsAtRisk}项存在风险或难以达标。`,
    problems:
      "一是部分任务推进进度滞后于时序要求；二是部分单位未按时报送季度进展；三是部分指标监测数据尚不完整。各责任单位报告的主要问题见下文。",
    nextSteps:
      "下一步，将对照年度目标和2027年、2035年目标要求，逐项压实责任，加强调度和督导，对滞后任务和未按时报送的单位加大督促力度。各责任单位的下步计划见下文。",
  };
}

export interface UnitText {
  unit: string;
  text: string;
}

/** Same points reported by several units once, with the units named; at most `limit` points. */
export function distill(items: readonly UnitText[], limit = 8): UnitText[] {
  const byText = new Map<string, string[]>();
  for (const item of items) {
    const text = item.text.replace(/\s+/g, "").replace(/[。；;]+$/, "");
    if (!text) continue;
    const units = byText.get(text) ?? [];
    if (!units.includes(item.unit)) units.push(item.unit);
    byText.set(text, units);
  }
  return [...byText.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .slice(0, limit)
    .map(([text, units]) => ({ unit: units.join("、"), text: `${text}。` }));
}

/** A report's progress text shortened for the consolidated task paragraph. */
export function excerpt(text: string, length = 120): string {
  const flat = text.replace(/\s+/g, "").replace(/[。；;，,]+$/, "");
  return flat.length > length ? `${flat.slice(0, length)}……` : flat;
}

/** "南昌市：…；九江市：…。" — the units' progress joined into one sentence. */
export function joinProgress(items: readonly UnitText[]): string {
  return items.length ? `${items.map((item) => `${item.unit}：${item.text}`).join("；")}。` : "";
}
