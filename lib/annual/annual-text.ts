/**
 * Wording of the annual report (年度报告): the default narrative drafted from the year's figures,
 * the draft of section 三 (one paragraph per task, from the units' accepted reports), and the
 * distillation of the units' "存在问题" and "下步计划" into short, de-duplicated lists.
 * Pure: the reviewer edits the narrative and the drafts afterwards.
 */
import { formatChineseDate } from "@/lib/core/dates";
import { quarterLabel } from "@/lib/core/quarters";
import { formatShare } from "@/lib/core/shares";
import { rankBy, rankText } from "@/lib/core/ranking";
import { STATUS_LABELS, type TaskStatus } from "@/lib/status/status-rules";

export interface Narrative {
  intro: string;
  problems: string;
  nextSteps: string;
}

/** 发文机关署名 and 成文日期 (GB/T 9704 7.3.5), set by the reviewer per year. */
export interface SignOff {
  issuer: string;
  /** ISO date, e.g. "2026-12-02"; shown as 2026年12月2日. */
  date: string;
}

export const DEFAULT_ISSUER = "江西省生态环境厅";

export interface YearFigures {
  year: number;
  /** ISO date the figures stand at (the year's end, or today during the year). */
  asOf: string;
  taskCounts: Record<TaskStatus, number>;
  reports: { owed: number; submitted: number; accepted: number };
  indicatorsOnCourse: number;
  indicatorsAtRisk: number;
  /** Latest value more than two years old (数据过旧), and none at all (暂无数据). */
  indicatorsStale?: number;
  indicatorsNoData?: number;
  indicators: number;
}

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
      `全年应报送季度进展报告${figures.reports.owed}份，已报送${figures.reports.submitted}份（${formatShare(figures.reports.submitted, figures.reports.owed)}），` +
      `审核通过${figures.reports.accepted}份。${figures.indicators}项目标指标中，${figures.indicatorsOnCourse}项按期可达，${figures.indicatorsAtRisk}项存在风险或难以达标${figures.indicatorsStale ? `，${figures.indicatorsStale}项数据过旧` : ""}${figures.indicatorsNoData ? `，${figures.indicatorsNoData}项暂无数据` : ""}。`,
    problems:
      "一是部分任务推进进度滞后于时序要求；二是部分单位未按时报送季度进展；三是部分指标监测数据尚不完整。各责任单位报告的主要问题见下文。",
    nextSteps:
      "下一步，将对照年度目标和2027年、2035年目标要求，逐项压实责任，加强调度和督导，对滞后任务和未按时报送的单位加大督促力度。各责任单位的下步计划见下文。",
  };
}

/** The paragraphs of a text as typed: one per line, blank lines and surrounding spaces dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** "2026Q4", "2026 Q4" or "2026年Q4季度" as a document says it: "2026年第四季度". */
export function readableQuarters(text: string): string {
  return text.replace(/(?<!\d)(\d{4})\s*年?\s*[Qq]\s*([1-4])(?![0-9])(?:\s*季度)?/g, (_match, year: string, quarter: string) =>
    quarterLabel({ year: Number(year), quarter: Number(quarter) as 1 | 2 | 3 | 4 }),
  );
}

const CJK_OR_FULLWIDTH = "\\u3000-\\u303f\\u3400-\\u9fff\\uff00-\\uffef";
const SPACE_NEXT_TO_CJK = new RegExp(`\\s+(?=[${CJK_OR_FULLWIDTH}])|(?<=[${CJK_OR_FULLWIDTH}])\\s+`, "g");

/** A unit's text on one line, as a sentence of the report reads it: quarter codes spelled out, spaces only between Latin words. */
export function cleanText(text: string): string {
  return readableQuarters(text).replace(SPACE_NEXT_TO_CJK, "").replace(/\s+/g, " ").trim();
}

const SENTENCE = /[^。；！？;!?]+[。；！？;!?]*/g;
const TRAILING_PUNCTUATION = /[。；！？;!?，,、：:\s]+$/;

/**
 * A report's text shortened to whole sentences (cut only after 。；！？), at most `length`
 * characters unless its first sentence alone is longer; without its closing punctuation.
 */
export function excerpt(text: string, length = 120): string {
  const sentences = cleanText(text).match(SENTENCE) ?? [];
  let kept = "";
  for (const sentence of sentences) {
    const candidate = kept + sentence.trim();
    if (kept && candidate.replace(TRAILING_PUNCTUATION, "").length > length) break;
    kept = candidate;
  }
  return kept.replace(TRAILING_PUNCTUATION, "");
}

export interface UnitText {
  unit: string;
  text: string;
}

/** Same points reported by several units once, with the units named; at most `limit` points. */
export function distill(items: readonly UnitText[], limit = 8): UnitText[] {
  const byText = new Map<string, string[]>();
  for (const item of items) {
    const text = cleanText(item.text).replace(/\s+/g, "").replace(TRAILING_PUNCTUATION, "");
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

/** "南昌市：…。九江市：…。" — each unit's progress as its own sentence. */
export function joinProgress(items: readonly UnitText[]): string {
  return items
    .filter((item) => item.text)
    .map((item) => `${item.unit}：${item.text}。`)
    .join("");
}

export interface TaskFacts {
  unitsTotal: number;
  unitsReported: number;
  averagePercent: number;
  /** The units' accepted progress, already shortened (excerpt), in the plan's unit order. */
  progress: readonly UnitText[];
}

/** At most this many units are quoted in a task's draft; the rest are counted. */
export const UNITS_QUOTED = 6;

/** The system's draft of a task's paragraph in section 三, from accepted reports only. */
export function taskDraft(task: TaskFacts): string {
  if (task.unitsReported === 0) return `本年度${task.unitsTotal}个责任单位均无审核通过的进展报告。`;
  const quoted = task.progress.slice(0, UNITS_QUOTED);
  const rest = task.unitsReported - quoted.length;
  return (
    `本年度${task.unitsTotal}个责任单位中${task.unitsReported}个报送并通过审核，平均完成${task.averagePercent}%。` +
    joinProgress(quoted) +
    (rest > 0 ? `其余${rest}个单位的进展见各单位季度报告。` : "")
  );
}

/** "2026年12月2日" for a sign-off date. */
export const signOffDateText = (signOff: SignOff) => formatChineseDate(signOff.date);

/**
 * Character widths in the body font (仿宋 3号): CJK and full-width characters take one, Latin
 * letters and digits (Times New Roman) about half.
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u0000-\u00ff]/.test(char) ? 0.5 : 1;
  return width;
}

/**
 * GB/T 9704-2012 7.3.5.2 (不加盖印章): the issuer right-indented two characters, the date on the
 * next line starting two characters right of the issuer's first character; a date longer than
 * that allows is right-indented two characters and the issuer moved left as much. Returns the
 * right indents in characters.
 */
export function signOffIndents(issuer: string, dateText: string): { issuer: number; date: number } {
  const issuerWidth = textWidth(issuer);
  const dateWidth = textWidth(dateText);
  const dateIndent = issuerWidth - dateWidth;
  if (dateIndent >= 2) return { issuer: 2, date: dateIndent };
  return { issuer: 2 + (2 - dateIndent), date: 2 };
}

export interface CityProgress {
  unit: string;
  /** Tasks the city carries. */
  assigned: number;
  /** Of them, with an accepted report this year. */
  reported: number;
  /** Sum of the latest accepted percent of each reported task. */
  percentSum: number;
}

export interface RankedCity {
  unit: string;
  assigned: number;
  reported: number;
  /** "45%", "0.2%" (lib/core/shares.ts). */
  reportedShare: string;
  /** Mean completion over every task the city carries (a task without an accepted report counts 0). */
  averagePercent: number;
  /** "第 1 名" or "并列第 2 名". */
  rank: string;
}

/** The cities by average completion, best first; equal averages share a rank (并列), in the plan's order. */
export function rankCities(cities: readonly CityProgress[]): RankedCity[] {
  const rows = cities.map((city) => ({
    unit: city.unit,
    assigned: city.assigned,
    reported: city.reported,
    reportedShare: formatShare(city.reported, city.assigned),
    averagePercent: city.assigned ? Math.round(city.percentSum / city.assigned) : 0,
  }));
  return rankBy(rows, (a, b) => b.averagePercent - a.averagePercent).map(({ item, ...place }) => ({ ...item, rank: rankText(place) }));
}

/** 附件3 of the annual report: the units' accepted annual reports, condensed, then the units that have not submitted. */
export function unitReportsAnnex(unitReports: {
  accepted: readonly UnitText[];
  notSubmitted: readonly string[];
  deadline: string | null;
}): string[] {
  const lines = unitReports.accepted.length
    ? [
        `审核通过的单位年度工作情况报告${unitReports.accepted.length}份：`,
        ...unitReports.accepted.map((item) => `${item.unit}：${item.text}。`),
      ]
    : ["本年度尚无审核通过的单位年度工作情况报告。"];
  lines.push(
    unitReports.notSubmitted.length
      ? `未报送年度工作情况报告的单位（${unitReports.notSubmitted.length}个${unitReports.deadline ? `，截止日期${unitReports.deadline}` : ""}）：${unitReports.notSubmitted.join("、")}。`
      : "各单位均已报送年度工作情况报告。",
  );
  return lines;
}
