/**
 * Wording of a unit's annual written report (年度工作情况): its sections and the system's draft of
 * each, written from what the unit already reported during the year (accepted quarterly reports,
 * measures and milestones, accepted indicator values, 需协调事项) so that the unit edits rather than
 * writes (最多报一次). Pure: unit-tested without a database.
 */
import { distill, excerpt, type UnitText } from "@/lib/annual/annual-text";
import { formatChineseDate } from "@/lib/core/dates";

export const UNIT_REPORT_SECTIONS = [
  { key: "overview", title: "一、总体情况" },
  { key: "tasks", title: "二、重点任务推进情况" },
  { key: "milestones", title: "三、年度举措和节点完成情况" },
  { key: "indicators", title: "四、指标完成情况" },
  { key: "problems", title: "五、存在问题" },
  { key: "nextSteps", title: "六、下一步工作安排" },
] as const;

export type UnitReportSectionKey = (typeof UNIT_REPORT_SECTIONS)[number]["key"];
export const UNIT_REPORT_SECTION_KEYS = UNIT_REPORT_SECTIONS.map((section) => section.key) as [
  UnitReportSectionKey,
  ...UnitReportSectionKey[],
];
export type UnitReportSections = Record<UnitReportSectionKey, string>;

/** Status of a unit's annual report as the desk and the API name it; NOT_STARTED: no row yet. */
export const UNIT_REPORT_STATUS_LABELS = {
  NOT_STARTED: "未报送",
  DRAFT: "草稿",
  SUBMITTED: "已提交",
  RETURNED: "已退回",
  ACCEPTED: "已通过",
} as const;
export type UnitReportStatus = keyof typeof UNIT_REPORT_STATUS_LABELS;

export interface UnitReportFacts {
  year: number;
  unitName: string;
  /** Tasks the unit carries in the plan. */
  tasksCarried: number;
  /** Accepted quarterly reports of the year. */
  reportsAccepted: number;
  /** Per task with an accepted report this year: its latest one, in task order. */
  tasks: { number: number; title: string; quarter: number; percent: number; progress: string; problems: string; nextSteps: string }[];
  measures: number;
  milestones: {
    total: number;
    done: number;
    verified: number;
    late: number;
    dropped: number;
    /** Planned before `asOf`, neither done nor dropped. */
    overdue: number;
    /** The ones worth naming: done and verified first, then late or overdue. */
    notable: { title: string; task: number; plannedDate: string; state: "verified" | "done" | "late" | "overdue" }[];
  };
  /** Accepted values of the year the unit's reports carried. */
  indicators: { name: string; value: string; measureUnit: string; period: string }[];
  /** 需协调事项 the unit raised this year. */
  coordination: { title: string; addressedTo: string; open: boolean }[];
}

const QUARTER_NAMES = ["", "第一季度", "第二季度", "第三季度", "第四季度"];
const NOTABLE = 6;
const STATE_TEXT = { verified: "已完成并通过销号核查", done: "已完成（待核查）", late: "已延期", overdue: "逾期未完成" } as const;

function lines(items: readonly string[], empty: string): string {
  return items.length ? items.join("\n") : empty;
}

/** The system's draft of every section, from the facts. */
export function unitReportDrafts(facts: UnitReportFacts): UnitReportSections {
  const { year, unitName, milestones } = facts;
  const reported = facts.tasks.length;
  const average = reported ? Math.round(facts.tasks.reduce((sum, task) => sum + task.percent, 0) / reported) : 0;
  const overview =
    `${year}年，${unitName}认真贯彻落实《关于全面推进美丽江西建设的实施意见》（赣发〔2024〕8号），承担重点任务${facts.tasksCarried}项。` +
    (facts.reportsAccepted
      ? `全年报送并通过审核季度进展报告${facts.reportsAccepted}份，涉及任务${reported}项，平均完成进度${average}%。`
      : "本年度尚无审核通过的季度进展报告。") +
    (milestones.total
      ? `制定年度举措${facts.measures}项、节点${milestones.total}个，已完成${milestones.done}个（其中通过销号核查${milestones.verified}个）${milestones.late ? `，延期${milestones.late}个` : ""}${milestones.overdue ? `，逾期未完成${milestones.overdue}个` : ""}。`
      : "");

  const tasks = lines(
    facts.tasks.map((task) => {
      const text = excerpt(task.progress, 150);
      return `任务${task.number}（${task.title}）：${text ? `${text}。` : ""}截至${year}年${QUARTER_NAMES[task.quarter]}，完成进度${task.percent}%。`;
    }),
    "本年度尚无审核通过的季度进展报告，请填写各项任务的推进情况。",
  );

  const milestoneLines = milestones.total
    ? [
        `本年度共制定节点${milestones.total}个：已完成${milestones.done}个，其中通过销号核查${milestones.verified}个；延期${milestones.late}个；取消${milestones.dropped}个；逾期未完成${milestones.overdue}个。`,
        ...milestones.notable
          .slice(0, NOTABLE)
          .map((item) => `任务${item.task}“${item.title}”（计划${formatChineseDate(item.plannedDate)}）：${STATE_TEXT[item.state]}。`),
      ]
    : [];
  const milestonesText = lines(milestoneLines, "本年度未填报年度举措和节点。");

  const indicators = lines(
    facts.indicators.map((item) => `${item.name}：${item.value}${item.measureUnit}（${item.period}）。`),
    "本年度季度报告中无审核通过的指标数值。",
  );

  const problemItems: UnitText[] = facts.tasks.map((task) => ({ unit: `任务${task.number}`, text: task.problems }));
  const problems = lines(
    [
      ...distill(problemItems).map((item) => `${item.text.replace(/。$/, "")}（${item.unit}）。`),
      ...facts.coordination.map((item) => `已提请${item.addressedTo}协调“${item.title}”${item.open ? "，尚未办结" : "，已办结"}。`),
    ],
    "本年度季度报告中未反映问题。",
  );

  const nextItems: UnitText[] = facts.tasks.map((task) => ({ unit: `任务${task.number}`, text: task.nextSteps }));
  const nextSteps = lines(
    distill(nextItems).map((item) => `${item.text.replace(/。$/, "")}（${item.unit}）。`),
    `${year + 1}年，${unitName}将对照2027年目标要求，逐项压实责任，加快推进滞后任务和节点。`,
  );

  return { overview, tasks, milestones: milestonesText, indicators, problems, nextSteps };
}

/** The sections as they read: the unit's saved text where it saved one, the draft elsewhere. */
export function sectionsOf(stored: unknown, drafts: UnitReportSections): UnitReportSections {
  const saved = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Record<string, unknown>) : {};
  const result = { ...drafts };
  for (const key of UNIT_REPORT_SECTION_KEYS) {
    const value = saved[key];
    if (typeof value === "string") result[key] = value;
  }
  return result;
}

/** The document's title: "南昌市美丽江西建设2026年度工作情况报告". */
export const unitReportTitle = (unitName: string, year: number) => `${unitName}推进美丽江西建设${year}年度工作情况报告`;

/**
 * Late against the reviewer's deadline (the whole deadline day, China time, counts): first
 * submitted after it, or still not submitted once it has passed.
 */
export function isLate(deadline: string | null, firstSubmittedAt: Date | null, now: Date = new Date()): boolean {
  if (!deadline) return false;
  const closes = new Date(`${deadline}T23:59:59.999+08:00`);
  return firstSubmittedAt ? firstSubmittedAt > closes : now > closes;
}
