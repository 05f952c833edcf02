/**
 * Status rules for a task as carried out by one unit, and for the task over all its units.
 * Pure: the caller passes the reports and "today"; nothing here reads a clock or a database.
 *
 * Per task × unit, first match wins:
 *   DONE            the latest accepted report says 已完成, and no 销号核查 since has failed: claimed
 *                   (已完成（待核查）) until a check passes, verified after
 *   (a failed check reopens the pair: it is judged by the rules below, BEHIND at the latest)
 *   OVERDUE_REPORT  the last quarter whose window has closed has no submitted report
 *   BEHIND          the latest accepted report says 滞后, or the deadline is within a year (or
 *                   past) and its percent lags the straight path from July 2024 by 25+ points
 *   DUE_SOON        the window of the quarter being collected closes within 7 days and nothing
 *                   has been submitted for it
 *   ON_TRACK        otherwise
 * Per task: DONE when every unit is done; OVERDUE when the deadline has passed otherwise; else the
 * most serious of its units' states.
 */
import {
  addQuarters,
  daysBetween,
  formatQuarter,
  quarterLabel,
  reportingQuarter,
  taskSpansQuarter,
  windowCloseDate,
  type Quarter,
} from "@/lib/core/quarters";

export type ReportStatus = "DRAFT" | "SUBMITTED" | "RETURNED" | "ACCEPTED";
export type ProgressState = "NOT_STARTED" | "ON_TRACK" | "BEHIND" | "COMPLETED";
export type UnitTaskStatus = "DONE" | "OVERDUE_REPORT" | "BEHIND" | "DUE_SOON" | "ON_TRACK";
export type TaskStatus = UnitTaskStatus | "OVERDUE";

export interface ReportFact {
  year: number;
  quarter: number;
  status: ReportStatus;
  progressState: ProgressState;
  percent: number;
}

export interface StatusContext {
  /** ISO date in China time. */
  today: string;
  windowDays: number;
}

/** The latest 销号核查 of the pair's current claim of completion (made after the report claiming it was accepted). */
export interface CheckFact {
  passed: boolean;
  finding: string;
}

export interface Assessment {
  status: UnitTaskStatus;
  /** For DONE: whether a 销号核查 has confirmed it (verified) or it is only claimed. */
  verified?: boolean;
  /** A failed 销号核查 reopened the pair: its finding, shown to the unit. */
  failedCheck?: string;
  /** Why, in Chinese, for the tooltip and the screen reader. */
  reason: string;
}

export const PLAN_START_DATE = "2024-07-01";
export const DUE_SOON_DAYS = 7;
/** Percentage points below the straight path that count as behind. */
export const BEHIND_MARGIN = 25;
const YEAR_DAYS = 365;

export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  DRAFT: "草稿",
  SUBMITTED: "已提交待审核",
  RETURNED: "已退回",
  ACCEPTED: "已通过",
};

export const PROGRESS_STATE_LABELS: Record<ProgressState, string> = {
  NOT_STARTED: "未启动",
  ON_TRACK: "按计划推进",
  BEHIND: "滞后",
  COMPLETED: "已完成",
};

export const STATUS_LABELS: Record<TaskStatus, string> = {
  ON_TRACK: "正常推进",
  DUE_SOON: "即将到期",
  OVERDUE_REPORT: "逾期未报",
  BEHIND: "进度滞后",
  DONE: "已完成",
  OVERDUE: "任务逾期",
};

/** A completion the reviewer has not verified yet (销号核查 pending). */
export const CLAIMED_DONE_LABEL = "已完成（待核查）";

/** Every task status, worst first: the order counts and legends show them in. */
export const TASK_STATUS_ORDER = [
  "OVERDUE",
  "OVERDUE_REPORT",
  "BEHIND",
  "DUE_SOON",
  "ON_TRACK",
  "DONE",
] as const satisfies readonly TaskStatus[];

/** Statuses that count as lagging: late with a report, behind, or past the deadline. */
export const LAGGING_STATUSES: readonly TaskStatus[] = ["OVERDUE", "OVERDUE_REPORT", "BEHIND"];
export const isLagging = (status: TaskStatus) => LAGGING_STATUSES.includes(status);

const SEVERITY: Record<UnitTaskStatus, number> = { DONE: 0, ON_TRACK: 1, DUE_SOON: 2, BEHIND: 3, OVERDUE_REPORT: 4 };

const isSubmitted = (report: ReportFact) => report.status !== "DRAFT";
const sameQuarter = (a: { year: number; quarter: number }, b: Quarter) => a.year === b.year && a.quarter === b.quarter;

/** Percent a task should have reached on `today` on a straight path from July 2024 to its deadline. */
export function expectedPercent(deadlineDate: string, today: string): number {
  const total = daysBetween(PLAN_START_DATE, deadlineDate);
  if (total <= 0) return 100;
  const elapsed = Math.min(Math.max(daysBetween(PLAN_START_DATE, today), 0), total);
  return Math.round((elapsed / total) * 100);
}

function latestAccepted<Report extends Pick<ReportFact, "year" | "quarter" | "status">>(reports: readonly Report[]): Report | undefined {
  return reports
    .filter((report) => report.status === "ACCEPTED")
    .reduce<Report | undefined>(
      (latest, report) => (!latest || report.year * 4 + report.quarter > latest.year * 4 + latest.quarter ? report : latest),
      undefined,
    );
}

export function assessUnitTask(
  deadlineDate: string,
  reports: readonly ReportFact[],
  context: StatusContext,
  check: CheckFact | null = null,
): Assessment {
  const accepted = latestAccepted(reports);
  const claimed = accepted?.progressState === "COMPLETED";
  if (claimed && !check)
    return { status: "DONE", verified: false, reason: `${CLAIMED_DONE_LABEL}：最新审核通过的报告为已完成，待销号核查` };
  if (claimed && check?.passed) return { status: "DONE", verified: true, reason: "已完成，销号核查通过" };
  const reopened = claimed && check !== null;
  const reopenedBy = reopened ? { failedCheck: check.finding } : {};

  const collecting = reportingQuarter(context.today, context.windowDays);
  const lastClosed = addQuarters(collecting, -1);
  const submittedFor = (quarter: Quarter) => reports.some((report) => sameQuarter(report, quarter) && isSubmitted(report));

  if (taskSpansQuarter(deadlineDate, lastClosed) && !submittedFor(lastClosed)) {
    return {
      ...reopenedBy,
      status: "OVERDUE_REPORT",
      reason: `${quarterLabel(lastClosed)}报告逾期未报（截止 ${windowCloseDate(lastClosed, context.windowDays)}）`,
    };
  }

  if (reopened) return { status: "BEHIND", failedCheck: check.finding, reason: `销号核查未通过：${check.finding}` };
  if (accepted?.progressState === "BEHIND") return { status: "BEHIND", reason: "单位自报进度滞后" };
  const percent = accepted?.percent ?? 0;
  const expected = expectedPercent(deadlineDate, context.today);
  if (daysBetween(context.today, deadlineDate) <= YEAR_DAYS && percent < expected - BEHIND_MARGIN) {
    return { status: "BEHIND", reason: `完成 ${percent}%，按期应达约 ${expected}%` };
  }

  const closes = windowCloseDate(collecting, context.windowDays);
  const daysLeft = daysBetween(context.today, closes);
  if (taskSpansQuarter(deadlineDate, collecting) && !submittedFor(collecting) && daysLeft <= DUE_SOON_DAYS) {
    return { status: "DUE_SOON", reason: `${formatQuarter(collecting)} 报告 ${daysLeft} 天后截止（${closes}）` };
  }
  return { status: "ON_TRACK", reason: "按期报送，进度正常" };
}

type ClaimReport = Pick<ReportFact, "year" | "quarter" | "status"> & { reviewedAt: Date | null };

/**
 * The latest 销号核查 of a unit's current claim: made after its latest accepted report was
 * accepted (checks of an earlier claim no longer count once the unit reports again).
 */
export function checkOfClaim(
  reports: readonly ClaimReport[],
  checks: readonly { passed: boolean; finding: string; createdAt: Date }[],
): CheckFact | null {
  const accepted = latestAccepted(reports);
  if (!accepted?.reviewedAt) return null;
  const since = checks.filter((check) => check.createdAt >= accepted.reviewedAt!);
  const latest = since.reduce<(typeof since)[number] | undefined>(
    (last, check) => (!last || check.createdAt >= last.createdAt ? check : last),
    undefined,
  );
  return latest ? { passed: latest.passed, finding: latest.finding } : null;
}

/** The task over all its units (provincial units and cities). */
export function rollUpTask(deadlineDate: string, unitStatuses: readonly UnitTaskStatus[], today: string): TaskStatus {
  if (unitStatuses.length > 0 && unitStatuses.every((status) => status === "DONE")) return "DONE";
  if (today > deadlineDate) return "OVERDUE";
  return unitStatuses.reduce<UnitTaskStatus>((worst, status) => (SEVERITY[status] > SEVERITY[worst] ? status : worst), "ON_TRACK");
}
